/* The region sheet's path over the years: which one to ask the server for (callbacks/region_path.py).
 * A request only when the selected region, the indicator, the language or the data date changes,
 * so the map's interactions stay one request each while no sheet is open. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  sdplan_path: {
    pathRequest: function (selected, query, current) {
      const params = new URLSearchParams(query || "");
      const wanted = selected && selected.adcode ? {
        adcode: selected.adcode, indicator: params.get("indicator") || "", lang: params.get("lang") || "",
        asof: params.get("asof") || "", query: query || "",
      } : null;
      const same = function (a, b) {
        return (!a && !b) || (!!a && !!b && ["adcode", "indicator", "lang", "asof"].every(function (k) { return a[k] === b[k]; }));
      };
      return same(wanted, current) ? window.dash_clientside.no_update : wanted;
    },
  },
});
