/* plotly.js after the map (sdplan_after_map.js). dcc.Graph loads plotly.js through `window.Plotly` when that is
 * set (a promise of it will do: Promise.resolve follows a thenable), else from `window._dashPlotlyJSURL` (pinned
 * to the basic bundle, routes/plotlyjs.py). Set here, it starts fetching plotly.js only once the map's regions are
 * drawn (or the ledger page is shown, or the map cannot draw). Evaluating plotly.js and drawing the chart take the
 * browser's main thread for a few hundred ms; the map comes first. plotly.js, once run, replaces `window.Plotly`
 * with itself.
 */
(function () {
  if (window.Plotly) { return; }
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

  window.Plotly = {then: function (ok, failed) { return window.sdplan.afterMap.ready.then(load).then(ok, failed); }};
})();
