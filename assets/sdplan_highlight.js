/* Clientside callbacks: the router (callbacks/pages.py) and the links between chart, table and
 * map (callbacks/highlight.py). None of them sends a request. */

// Leaflet writes its zoom buttons' titles in English: name them in the page's language, now or as soon
// as the map (drawn a moment after the page) has them.
let zoomNaming = null;
function nameZoomButtons(words) {
  const apply = function () {
    const buttons = [[".leaflet-control-zoom-in", words.zoom_in], [".leaflet-control-zoom-out", words.zoom_out]];
    const found = buttons.map(function (b) { return [document.querySelector(b[0]), b[1]]; });
    if (found.some(function (f) { return !f[0]; })) { return false; }
    found.forEach(function (f) { f[0].title = f[1]; f[0].setAttribute("aria-label", f[1]); });
    return true;
  };
  if (zoomNaming) { zoomNaming.disconnect(); zoomNaming = null; }
  if (apply()) { return; }
  zoomNaming = new MutationObserver(function () {
    if (apply()) { zoomNaming.disconnect(); zoomNaming = null; }
  });
  zoomNaming.observe(document.body, {childList: true, subtree: true});
}

// Where the language switch keeps the region whose information is shown, across the page's new drawing.
const RESELECT = "sdplan.reselect";

// The map page is drawn in one language: shown at an address of the other (the ledger's language switch,
// then its link to the map), it is drawn again, once per address (no loop where the page cannot be).
function redraw(lang) {
  const key = "sdplan.redrawn";
  try {
    if (window.sessionStorage.getItem(key) === window.location.href + "|" + lang) { return false; }
    window.sessionStorage.setItem(key, window.location.href + "|" + lang);
  } catch { return false; }
  window.location.reload();
  return true;
}

window.dash_clientside = Object.assign({}, window.dash_clientside, {
  sdplan: {
    // Show the page the path names, hand the query to that page's store (only when it differs
    // from what the page itself wrote there) and put the navigation in the address's language.
    // Words and paths come from Python (the nav-words store).
    route: function (pathname, search, words, mapQuery, ledgerQuery, mapHidden) {
      const skip = window.dash_clientside.no_update;
      const path = (pathname || "/").replace(/\/+$/, "");
      const ledger = path.endsWith(words.paths.ledger);
      if (ledger) { window.sdplan.afterMap.allow("ledger"); }  // its charts need no map first (sdplan_after_map.js)
      const query = search || "";
      const lang = new URLSearchParams(query).get("lang") === "en" ? "en" : "zh";
      const w = words[lang];
      const htmlLang = lang === "en" ? "en" : "zh-CN";
      const newLang = document.documentElement.lang !== htmlLang;  // the page was drawn in Chinese
      document.documentElement.lang = htmlLang;
      document.title = w.doc_title;
      nameZoomButtons(w);
      const suffix = lang === "en" ? "?lang=en" : "";
      // words drawn in Chinese with the page ("Search", "No options found", "Close"): sent when the language changes
      const dropdowns = Array(words.dropdowns).fill(newLang ? w.dropdown : skip);
      if (!ledger && lang !== words.drawn && redraw(lang)) {
        return window.dash_clientside.callback_context.outputs_list.map(function () { return skip; });
      }
      return [
        ledger, !ledger,
        !ledger ? Date.now() : skip,  // the map measures its container again (Leaflet caches the size)
        !ledger && query !== mapQuery ? query : skip,
        ledger && query !== ledgerQuery ? query : skip,
        w.skip_to_map, w.app_title, w.nav_map, words.paths.map + suffix, w.nav_ledger, words.paths.ledger + suffix, w.nav_admin,
        ...dropdowns, newLang ? w.region_dropdown : skip,
        newLang ? w.close : skip, newLang ? w.close : skip,  // the information sheet's close button
      ];
    },

    // The view callback's page message (callbacks/view.py): each output takes the value the server keyed
    // "<component id>.<property>"; an output the message does not name stays as it is.
    place: function (message) {
      const skip = window.dash_clientside.no_update;
      const outputs = [].concat(window.dash_clientside.callback_context.outputs_list);
      return outputs.map(function (o) {
        const key = o.id + "." + o.property.split("@")[0];  // (an output written by others too: "data@<hash>")
        return message && Object.prototype.hasOwnProperty.call(message, key) ? message[key] : skip;
      });
    },

    // The same, once the map's regions are drawn (sdplan_after_map.js): work the first map need not wait for
    // (the region search indexes its options).
    placeAfterMap: function (message) {
      const placed = window.dash_clientside.sdplan.place(message);  // reads the callback's outputs now
      return window.sdplan.afterMap.ready.then(function () { return placed; });
    },

    // A new scope (the page message's fit): the map measures its container, then fits the scope.
    fitMap: function (message) {
      const fit = message && message.fit;
      if (!fit) { return; }
      const set = window.dash_clientside.set_props;
      set(fit.map, {invalidateSize: Date.now()});
      window.requestAnimationFrame(function () { set(fit.map, {viewport: fit.viewport}); });
    },

    // The other language: the page is drawn again in it, at the same address but for `lang`; the region
    // whose information is shown opens again once the map is drawn (`reselect`).
    switchLanguage: function (n, selected) {
      if (!n) { return; }
      const params = new URLSearchParams(window.location.search);
      if (params.get("lang") === "en") { params.delete("lang"); } else { params.set("lang", "en"); }
      try {
        if (selected) { window.sessionStorage.setItem(RESELECT, JSON.stringify(selected)); }
      } catch { /* no storage: the information sheet closes */ }
      const query = params.toString();
      window.location.assign(window.location.pathname + (query ? "?" + query : ""));
    },

    reselect: function () {
      let selected = null;
      try {
        selected = JSON.parse(window.sessionStorage.getItem(RESELECT) || "null");
        window.sessionStorage.removeItem(RESELECT);
      } catch { selected = null; }
      return selected || window.dash_clientside.no_update;
    },

    // Play or pause the time slider (from the first period again when it stands at the last).
    togglePlay: function (n, paused, value, max, words) {
      const skip = window.dash_clientside.no_update;
      const w = words[words.drawn] || {};
      if (!paused) { return [true, w.play, "false", skip]; }
      return [false, w.pause, "true", value >= max ? 0 : skip];
    },

    // A tick of the play timer: the next period once the last step is drawn (the page message's step
    // is the slider's value), and a pause at the last period.
    playStep: function (n, value, max, page, words) {
      const skip = window.dash_clientside.no_update;
      const w = words[words.drawn] || {};
      if (!page || page.step !== value) { return [skip, skip, skip, skip]; }
      if (value >= max) { return [skip, true, w.play, "false"]; }
      return [value + 1, skip, skip, skip];
    },

    // The controls drawer (a phone): open or close, and say so to a screen reader.
    toggleDrawer: function (n, className, buttonId) {
      const open = !/\bopen\b/.test(className || "");
      const button = document.getElementById(buttonId);
      if (button) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
      return open ? "header open" : "header";
    },

    // The legend: fold or unfold what is shown now (a phone starts folded, a desktop unfolded).
    toggleLegend: function (n, className, bodyId, buttonId) {
      const body = document.getElementById(bodyId);
      const shown = body && body.offsetParent !== null;
      const button = document.getElementById(buttonId);
      if (button) { button.setAttribute("aria-expanded", shown ? "false" : "true"); }
      return shown ? "legend legend-collapsed" : "legend legend-expanded";
    },

    // The selected region's information (a tap, or the search), in the words of the tooltip.
    showSheet: function (selected, hideout, bodyId, drillId) {
      const body = document.getElementById(bodyId);
      const drill = document.getElementById(drillId);
      if (!selected || !body) { return true; }
      const h = hideout || {};
      body.innerHTML = window.sdplan.map.tooltip(selected, h);
      if (drill) { drill.hidden = selected.level !== "prefecture" || !!h.sel; }
      return false;
    },

    outlineSelected: function (selected) {
      window.sdplan.map.highlight(selected ? selected.adcode : null);
    },

    drillFromSheet: function (n, selected) {
      if (!n || !selected) { return [window.dash_clientside.no_update, window.dash_clientside.no_update]; }
      return [{adcode: selected.adcode, level: selected.level, at: Date.now()}, null];
    },

    closeSheet: function (n) {
      return n ? null : window.dash_clientside.no_update;
    },

    copyLink: function (n, words, statusId) {
      const url = window.location.href;
      const lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "zh";
      const done = function () {
        window.setTimeout(function () { window.dash_clientside.set_props(statusId, {children: ""}); }, 2500);
      };
      const fallback = function () {  // http on an intranet: no Clipboard API
        const area = document.createElement("textarea");
        area.value = url; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
        document.body.appendChild(area); area.select();
        try { document.execCommand("copy"); } catch { /* the link is still in the address bar */ }
        document.body.removeChild(area);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).catch(fallback);
      } else { fallback(); }
      done();
      return "✓ " + words[lang].link_copied;
    },

    // A finished export (callbacks/jobs.py): fetch its file from /exports/<token> as a download.
    downloadExport: function (href) {
      if (!href) { return window.dash_clientside.no_update; }
      const link = document.createElement("a");
      link.href = href; link.download = ""; link.style.display = "none";
      document.body.appendChild(link); link.click(); document.body.removeChild(link);
      return href;
    },

    // The server's hideout (values and styles): restyle the regions already on the map.
    restyle: function (hideout) {
      window.sdplan.map.restyle(hideout);
    },

    highlightRegion: function (hoverData, clickData) {
      const trigger = (window.dash_clientside.callback_context.triggered[0] || {}).prop_id || "";
      const data = trigger.endsWith("clickData") ? clickData : hoverData;
      const point = data && data.points && data.points[0];
      window.sdplan.map.highlight(point ? point.customdata : null);
    },

    highlightBar: function (adcode, figure, tableId) {
      const table = document.getElementById(tableId);
      if (table) {
        table.querySelectorAll("tr.highlight").forEach(function (row) { row.classList.remove("highlight"); });
        const row = adcode && table.querySelector('tr[data-adcode="' + adcode + '"]');
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
