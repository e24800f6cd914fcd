/* Clientside callbacks linking chart, table and map (see callbacks/highlight.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  sdplan: {
    showPage: function (pathname) {
      const ledger = /\/ledger\/?$/.test(pathname || "/");
      return [ledger, !ledger, Date.now()];
    },

    keepHideout: function (hideout) {
      window.sdplan.map.hideout = hideout || {};
      return window.dash_clientside.no_update;
    },

    highlightRegion: function (hoverData, clickData, hideout) {
      const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
      const data = trigger.endsWith("clickData") ? clickData : hoverData;
      const point = data && data.points && data.points[0];
      const code = point ? point.customdata : null;
      if (!hideout || hideout.hl === code) { return window.dash_clientside.no_update; }
      return Object.assign({}, hideout, {hl: code});
    },

    highlightBar: function (adcode, figure) {
      document.querySelectorAll(".breakdown-table tr.highlight").forEach(function (row) {
        row.classList.remove("highlight");
      });
      if (adcode) {
        const row = document.querySelector('.breakdown-table tr[data-adcode="' + adcode + '"]');
        if (row) { row.classList.add("highlight"); }
      }
      if (!figure || !figure.data || !figure.data.length) { return window.dash_clientside.no_update; }
      const bar = figure.data[0];
      const codes = bar.customdata || [];
      const widths = codes.map(function (c) { return c === adcode ? 3 : 0; });
      const next = Object.assign({}, figure, {data: [Object.assign({}, bar, {
        marker: Object.assign({}, bar.marker, {line: Object.assign({}, bar.marker.line, {width: widths})}),
      })].concat(figure.data.slice(1))});
      return next;
    },
  },
});
