/* What waits for the map: the first map is drawn before the work that can follow it (plotly.js, sdplan_plotly.js;
 * the region search's options, sdplan_highlight.js). `window.sdplan.afterMap.ready` is a promise resolved once
 * `allow` is called: by the map when its regions are drawn (sdplan_map.js), by the router when the ledger page is
 * shown (no map to wait for), by the first view when the map's boundaries could not be loaded (sdplan_first_view.js:
 * the map will not draw). A last resort for what none of these catch: 10 s after the page's scripts ran. It should
 * never be how a working page opens (at 3 s, as it was, it fired in a test on a busy machine before the answer).
 */
(function () {
  let release;
  let soon = false;
  const afterMap = {
    ready: new Promise(function (resolve) { release = resolve; }),
    allowedBy: null,  // what opened it ("map", "ledger", "no map" or "timeout"), read by the tests
    allow: function (reason) {
      if (!afterMap.allowedBy) {
        afterMap.allowedBy = reason;
        release();
      }
    },
    // once the task under way is done (the map adding its regions): one timer, however many regions call it
    allowSoon: function (reason) {
      if (!soon && !afterMap.allowedBy) {
        soon = true;
        setTimeout(function () { afterMap.allow(reason); }, 0);
      }
    },
  };
  window.sdplan = Object.assign({}, window.sdplan, {afterMap: afterMap});
  setTimeout(function () { afterMap.allow("timeout"); }, 10000);
})();
