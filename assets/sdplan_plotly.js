/* plotly.js after the map (and whatever else waits on `whenAllowed`: the region search's options,
 * sdplan_highlight.js). dcc.Graph loads plotly.js through `window.Plotly` when that is set (a promise of it
 * will do: Promise.resolve follows a thenable), else from `window._dashPlotlyJSURL` (pinned to the basic bundle,
 * routes/plotlyjs.py). Set here, it starts fetching plotly.js only once `allow` is called: by the map when its
 * regions are drawn (sdplan_map.js), by the router when the ledger page is shown, or 3 s after the page's scripts
 * ran, in case the map never draws (its boundaries could not be loaded). Evaluating plotly.js and drawing the
 * chart take the browser's main thread for a few hundred ms; the map comes first. plotly.js, once run, replaces
 * `window.Plotly` with itself.
 */
(function () {
  if (window.Plotly) { return; }
  let release;
  const allowed = new Promise(function (resolve) { release = resolve; });
  let loading = null;

  function load() {
    loading = loading || new Promise(function (done, failed) {
      const script = document.createElement("script");
      script.src = window._dashPlotlyJSURL;
      script.async = true;
      script.onload = function () { done(window.Plotly); };
      script.onerror = failed;
      document.head.appendChild(script);
    });
    return loading;
  }

  let soon = false;
  const plotly = {
    whenAllowed: allowed,
    allowedBy: null,  // what let plotly.js come ("map", "ledger" or "timeout"), read by the tests
    allow: function (reason) {
      if (!plotly.allowedBy) {
        plotly.allowedBy = reason;
        release();
      }
    },
    // once the task under way is done (the map adding its regions): one timer, however many regions call it
    allowSoon: function (reason) {
      if (!soon && !plotly.allowedBy) {
        soon = true;
        setTimeout(function () { plotly.allow(reason); }, 0);
      }
    },
  };
  window.sdplan = Object.assign({}, window.sdplan, {plotly: plotly});
  window.Plotly = {then: function (ok, failed) { return allowed.then(load).then(ok, failed); }};
  setTimeout(function () { plotly.allow("timeout"); }, 3000);
})();
