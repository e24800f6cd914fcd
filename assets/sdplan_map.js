/* Map behaviour for the Shandong plan dashboard, namespaced under window.sdplan.map.
 *
 * The geometry is loaded once from a static, cacheable URL and its layers stay: an interaction
 * sends only values and styles, in the map's hideout store (not the GeoJSON's own `hideout`, whose
 * every change makes dash-leaflet remove and re-add all the regions), and `restyle` sets the style
 * of the regions whose style changed. The hideout's shape is sdplan/hideout.schema.json (checked on
 * both sides by the tests); in short:
 *   palette: class colours, the last one for "no data"
 *   style:   the other colours (sdplan.mapstyle.region_style): muted, nodata, edge, muted_edge, highlight
 *   ids:     the component ids the map reports hover, click and (on touch) select to (components/ids.py)
 *   codes:   the layer's adcodes; per code, in the same order: cls (class index, -1 no data), val (the
 *            value as written, null: no data), lines (what qualifies it, or null), smp (1: a sample
 *            value), src (index of its source in srcs, or null)
 *   target:  the province's targets for the layer's regions; words: no data, sample, published
 *   out:     adcodes outside the chosen scope, drawn muted
 *   sel:     the drilled-in prefecture, scope: its own figure ({code, val, lines}) for its sheet
 *   hl:      the region outlined (from the chart, the table or the search)
 *   fit:     the scope's viewport (refitted for print)
 * Every text is written by the server (sdplan.units, in the page's language): the browser places it
 * and never formats a number itself.
 */
window.sdplan = Object.assign({}, window.sdplan, {
  map: {
    // The latest hideout (the store's data, kept by `restyle`); the style and the tooltip read it.
    hideout: null,
    // The regions' Leaflet layers by adcode, registered as dash-leaflet adds them (`register`).
    layers: {},

    register: function (feature, layer) {
      window.sdplan.map.layers[feature.properties.adcode] = layer;
      window.sdplan.afterMap.allowSoon("map");  // the regions are being drawn: what waits may follow (sdplan_after_map.js)
      if (window.sdplan.firstView) { window.sdplan.firstView.handOver(); }  // the first view's layers go (sdplan_first_view.js)
    },

    style: function (feature) {
      const h = window.sdplan.map.hideout || {};
      const code = feature.properties.adcode;
      const i = window.sdplan.map.position(h, code);
      const style = h.style || {};
      const palette = h.palette || [];
      const out = window.sdplan.map.outside(h).has(code);
      const cls = i === undefined ? -1 : h.cls[i];
      const highlighted = h.hl === code;
      return {
        fillColor: out ? style.muted : (cls >= 0 ? palette[cls] : style.nodata),
        fillOpacity: out ? 0.6 : 0.9,
        color: highlighted ? style.highlight : (out ? style.muted_edge : style.edge),
        weight: highlighted ? 3 : (out ? 0.6 : 1.2),
        opacity: 1,
      };
    },

    // A lookup made once per list (a set of the muted regions, the position of each code), kept beside
    // the list it was made from, so a region's style reads it rather than scanning.
    lookup: function (list, make) {
      const key = list || window.sdplan.map._none;
      let cache = window.sdplan.map._lookups.get(key);
      if (!cache) { cache = make(key); window.sdplan.map._lookups.set(key, cache); }
      return cache;
    },
    _lookups: new WeakMap(),
    _none: [],

    outside: function (h) {
      return window.sdplan.map.lookup(h.out, function (out) { return new Set(out); });
    },

    // A region's position in the hideout's columns (undefined when the layer has no such region).
    position: function (h, code) {
      const index = window.sdplan.map.lookup(h.codes, function (codes) {
        return new Map(codes.map(function (c, i) { return [c, i]; }));
      });
      return index.get(code);
    },

    // Style one region again; the DOM is touched only when its style differs from the one it has.
    restyleOne: function (code) {
      const layer = window.sdplan.map.layers[code];
      if (!layer || !layer.feature) { return; }
      const style = window.sdplan.map.style(layer.feature);
      const key = style.fillColor + "|" + style.fillOpacity + "|" + style.color + "|" + style.weight;
      if (layer._sdplanStyle !== key) {
        layer._sdplanStyle = key;
        layer.setStyle(style);
      }
    },

    // A new hideout from the server: keep it, and restyle its regions on the map. Layers of a level no
    // longer shown are forgotten; those of the level being replaced keep their colours until the new
    // level's geometry arrives (they are not in the hideout's codes), rather than flash grey.
    restyle: function (hideout) {
      const map = window.sdplan.map;
      if (!hideout) { return; }  // none yet (the store's first value): the map keeps what it draws
      map.hideout = hideout;
      for (const code in map.layers) {
        if (!map.layers[code]._map) { delete map.layers[code]; } else if (map.position(map.hideout, code) !== undefined) { map.restyleOne(code); }
      }
    },

    // Outline one region (a bar or a row hovered, a region found): two regions restyled, no request.
    highlight: function (code) {
      const map = window.sdplan.map;
      const h = map.hideout;
      if (!h || h.hl === code) { return; }
      const before = h.hl;
      map.hideout = Object.assign({}, h, {hl: code});
      if (before) { map.restyleOne(before); }
      if (code) { map.restyleOne(code); map.layers[code] && map.layers[code].bringToFront(); }
    },

    contextStyle: function (feature, context) {
      const c = (context && context.hideout) || {};
      return {fillColor: c.fill, fillOpacity: 1, color: c.edge, weight: 0.8, interactive: false};
    },

    // What the tooltip (and the tap sheet) says of a region: its name, its value, the lines that qualify
    // it, the province's target, and its source or the sample mark: all written by the server.
    tooltip: function (props, h) {
      const words = h.words || {};
      const esc = window.sdplan.map.escape;
      const i = window.sdplan.map.position(h, props.adcode);
      const name = h.lang === "en" ? props.name_en : props.name_zh;
      const own = i === undefined && h.scope && h.scope.code === props.adcode ? h.scope : null;  // the drilled city
      const value = i !== undefined ? h.val[i] : (own ? own.val : null);
      const parts = ["<b>" + esc(name) + "</b>", esc(value === null ? (words.nodata || "") : value)];
      ((i !== undefined ? h.lines[i] : (own ? own.lines : null)) || []).forEach(function (line) { parts.push(esc(line)); });
      if (own) { return parts.join("<br>"); }
      if (h.target) { parts.push(esc(h.target)); }
      if (value !== null) {
        const source = h.src[i] === null ? null : (h.srcs || [])[h.src[i]];
        parts.push(h.smp[i] ? "<span class='tip-sample'>" + esc(words.sample) + "</span>" : esc(source || words.sourced));
      }
      return parts.join("<br>");
    },

    escape: function (text) {
      return String(text).replace(/[&<>"']/g, function (c) {
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
      });
    },

    // Report to a store named in the hideout's ids ("hover" or "click").
    setStore: function (which, data) {
      const ids = (window.sdplan.map.hideout || {}).ids || {};
      if (ids[which] && window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props(ids[which], {data: data});
      }
    },

    // A touch (a finger: no hover to read a tooltip by), or the mouse events a browser makes up after one.
    fromTouch: function (e) {
      const original = e.originalEvent || {};
      return original.pointerType === "touch" || !!(original.sourceCapabilities && original.sourceCapabilities.firesTouchEvents) ||
             !!(window.matchMedia && window.matchMedia("(hover: none)").matches);
    },

    onMouseOver: function (e) {
      if (window.sdplan.map.fromTouch(e)) { return; }  // a tap opens the region's sheet instead (onClick)
      const props = e.layer.feature.properties;
      e.layer.bindTooltip(window.sdplan.map.tooltip(props, window.sdplan.map.hideout || {}), {sticky: true, className: "region-tooltip"}).openTooltip(e.latlng);
      window.sdplan.map.setStore("hover", props.adcode);
    },

    onMouseOut: function (e) {
      e.layer.closeTooltip();
      window.sdplan.map.setStore("hover", null);
    },

    // A click drills in; a tap (touch, no hover to read a tooltip) selects: the sheet shows the
    // region's figures and its own button drills in.
    // A region's name at its label point (the view callback chooses which regions are named).
    label: function (feature, latlng) {
      const name = window.sdplan.map.escape(feature.properties.name);
      return L.marker(latlng, {icon: L.divIcon({className: "region-label", html: "<span>" + name + "</span>", iconSize: null}),
                               interactive: false, keyboard: false});
    },

    // On paper the map is another size: measure it again and fit the scope (hideout.fit), before
    // printing and after.
    refit: function () {
      const h = window.sdplan.map.hideout || {};
      const id = (h.ids || {}).map;
      if (id && h.fit && window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props(id, {invalidateSize: Date.now(), viewport: Object.assign({}, h.fit, {t: Date.now()})});
      }
    },

    onClick: function (e) {
      const props = e.layer.feature.properties;
      if (window.sdplan.map.fromTouch(e)) {
        window.sdplan.map.setStore("select", {adcode: props.adcode, name_zh: props.name_zh, name_en: props.name_en,
                                              level: props.level});
        return;
      }
      window.sdplan.map.setStore("click", {adcode: props.adcode, level: props.level, at: Date.now()});
    },
  },
});

if (window.matchMedia) {  // again a moment later: a fit asked while the map still moves is lost
  window.matchMedia("print").addEventListener("change", function () {
    window.sdplan.map.refit();
    window.setTimeout(window.sdplan.map.refit, 400);
  });
}
window.addEventListener("beforeprint", function () { window.sdplan.map.refit(); });
window.addEventListener("afterprint", function () { window.sdplan.map.refit(); });

// A region chosen from the breakdown table (its name is a button): selected on the map, as a tap.
document.addEventListener("click", function (e) {
  const button = e.target.closest && e.target.closest("button.row-select");
  if (!button) { return; }
  const code = button.closest("tr").dataset.adcode;
  const layer = window.sdplan.map.layers[code];
  const own = layer && layer.feature ? layer.feature.properties : {};  // both names, where the region is drawn
  const name = button.textContent;  // else the name in the page's language
  window.sdplan.map.setStore("select", {adcode: code, name_zh: own.name_zh || name, name_en: own.name_en || name,
                                        level: code.endsWith("00") ? "prefecture" : "county"});
});

// Escape closes the selected region's information.
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape") { window.sdplan.map.setStore("select", null); }
});
