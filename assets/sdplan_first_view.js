/* The map's first view, drawn as soon as Leaflet's map exists rather than after Dash's first answer.
 *
 * The map page asks for the view its address names as its scripts load (routes/first_view.py: a preload link
 * in its head, answered with the region layer's address, the hideout Dash's first answer will carry, and the
 * neighbouring provinces' layer); their boundaries are asked for as soon as it comes. When the map is created
 * (a Leaflet init hook; the layout creates it fitted to the view's scope) the regions are drawn with the map's
 * own style and events (sdplan_map.js), so the first map is the one the answer draws, and says the same on
 * hover. Once Dash's region layer is on the map these layers are removed: from then on everything is Dash's, as
 * before. Each path drawn here has the class "first-view" (the benchmarks and tests tell the two apart by it).
 */
(function () {
  const link = document.getElementById("sdplan-first-view");
  if (!link || !window.L) { return; }
  const json = function (url) {
    return window.fetch(url, {credentials: "same-origin"})
      .then(function (r) { return r.status === 200 ? r.json() : null; })
      .catch(function () { return null; });  // nothing drawn early: Dash's layer draws the map, as before
  };
  const view = json(link.href);  // null when the store does not answer
  const regions = view.then(function (first) {
    return first && json(first.layer).then(function (data) {
      if (!data) { window.sdplan.afterMap.allow("no map"); }  // the map will not draw: what waits for it may come
      return data;
    });
  });
  const context = view.then(function (first) { return first && json(first.context.url); });
  const drawn = [];  // the layers drawn here, removed once Dash's own are on the map
  let handedOver = false;
  let waiting = false;  // for Dash's layer to be on the map
  let hovered = false;  // a region drawn here under the pointer (its hover is reported: cleared at the hand-over)

  const firstView = {
    drawn: drawn,
    handedOver: function () { return handedOver; },

    // Dash's region layer registers its regions (sdplan_map.js `register`): once one of them is on the map, the
    // layers drawn here go (checked once a frame: Dash's layer is added to the map after its regions are made).
    handOver: function () {
      if (handedOver || waiting) { return; }
      waiting = true;
      window.requestAnimationFrame(function check() {
        const layers = window.sdplan.map.layers;
        const dashOnMap = Object.keys(layers).some(function (code) {
          return layers[code]._map && !layers[code]._sdplanFirst;
        });
        if (!dashOnMap) { window.requestAnimationFrame(check); return; }
        handedOver = true;
        drawn.forEach(function (layer) { layer.remove(); });
        if (hovered) { window.sdplan.map.setStore("hover", null); }
      });
    },

    draw: function (map, first) {
      const m = window.sdplan.map;
      const pane = map.createPane("sdplan-first-context");
      pane.style.zIndex = 250;  // as the context pane Dash's layer draws in (components/map.py)
      context.then(function (data) {
        if (!data || handedOver) { return; }
        drawn.push(L.geoJSON(data, {pane: "sdplan-first-context", interactive: false, className: "first-view",
                                    style: function (f) { return m.contextStyle(f, {hideout: first.context.style}); }})
          .addTo(map));
      });
      regions.then(function (data) {
        if (!data || handedOver) { return; }
        if (!m.hideout) { m.hideout = first.hideout; }  // else Dash's answer came first: its hideout stands
        const layer = L.geoJSON(data, {
          className: "first-view",
          style: m.style,
          onEachFeature: function (feature, region) {
            region._sdplanFirst = true;
            if (!m.layers[feature.properties.adcode]) { m.layers[feature.properties.adcode] = region; }
          },
        });
        layer.on({
          mouseover: function (e) { hovered = true; m.onMouseOver(e); },
          mouseout: function (e) { hovered = false; m.onMouseOut(e); },
          click: m.onClick,
        });
        drawn.push(layer.addTo(map));
      });
    },
  };
  window.sdplan = Object.assign({}, window.sdplan, {firstView: firstView});

  L.Map.addInitHook(function () {
    const map = this;
    view.then(function (first) {
      if (first && !handedOver && map.getContainer().id === first.hideout.ids.map) {
        map.whenReady(function () { firstView.draw(map, first); });
      }
    });
  });
})();
