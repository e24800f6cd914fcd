// The browser's side of the view callback's page message (callbacks/view.py): assets/sdplan_highlight.js
// places each value under the output of the same "<id>.<property>" key and leaves the others as they are,
// and the time slider's play waits for each step to be drawn. The messages and the outputs are the server's
// (tests/test_page_message.py writes them to SDPLAN_PAGE_MESSAGES). Run by `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const root = new URL("../../", import.meta.url);
const cases = JSON.parse(readFileSync(process.env.SDPLAN_PAGE_MESSAGES, "utf8"));
const SKIP = { skip: true };

function loadClientside() {
  const noop = () => {};
  const window = { dash_clientside: { no_update: SKIP }, addEventListener: noop };
  const context = { window, document: { addEventListener: noop }, MutationObserver: function () {} };
  vm.createContext(context);
  vm.runInContext(`var window = this.window; var document = this.document;\n` +
                  readFileSync(new URL("assets/sdplan_highlight.js", root), "utf8"), context);
  return window;
}

test("the regions to search are placed once the map is drawn, not before", async () => {
  const window = loadClientside();
  let allow;
  window.sdplan = { afterMap: { ready: new Promise((resolve) => { allow = resolve; }) } };  // sdplan_after_map.js
  const { message, places } = cases.find((c) => c.places.some(([id, p]) => `${id}.${p}` === "region-search.options"));
  window.dash_clientside.callback_context = { outputs_list: places.map(([id, property]) => ({ id, property })) };
  let placed = null;
  const pending = window.dash_clientside.sdplan.placeAfterMap(message).then((value) => { placed = value; });
  delete window.dash_clientside.callback_context;  // Dash removes it once the function has returned
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(placed, null);
  allow();
  await pending;
  assert.ok(message["region-search.options"].length > 0);
  assert.equal(placed.length, 1);  // (an array of the script's own realm: compared item by item)
  assert.equal(placed[0], message["region-search.options"]);
});

test("each output takes the value of its key, the others stay", () => {
  const window = loadClientside();
  for (const { message, places } of cases) {
    // an output written by other callbacks too carries Dash's "@<hash>" suffix
    window.dash_clientside.callback_context = {
      outputs_list: places.map(([id, property], i) => ({ id, property: i === 0 ? property + "@abc" : property })),
    };
    const placed = window.dash_clientside.sdplan.place(message);
    assert.equal(placed.length, places.length);
    places.forEach(([id, property], i) => {
      const key = `${id}.${property}`;
      if (key in message) assert.deepEqual(placed[i], message[key], key);
      else assert.equal(placed[i], SKIP, key);
    });
  }
});

test("playing moves one period once the last is drawn, and pauses at the end", () => {
  const clientside = loadClientside().dash_clientside.sdplan;
  const sdplan = {  // (arrays made in the script's realm, compared as this realm's)
    togglePlay: (...args) => Array.from(clientside.togglePlay(...args)),
    playStep: (...args) => Array.from(clientside.playStep(...args)),
  };
  const words = { drawn: "en", en: { play: "Play", pause: "Pause" } };
  assert.deepEqual(sdplan.togglePlay(1, true, 0, 3, words), [false, "Pause", "true", SKIP]);
  assert.deepEqual(sdplan.togglePlay(1, true, 3, 3, words), [false, "Pause", "true", 0]);  // again from the start
  assert.deepEqual(sdplan.togglePlay(2, false, 1, 3, words), [true, "Play", "false", SKIP]);
  assert.deepEqual(sdplan.playStep(1, 1, 3, { step: 1 }, words), [2, SKIP, SKIP, SKIP]);
  assert.deepEqual(sdplan.playStep(2, 2, 3, { step: 1 }, words), [SKIP, SKIP, SKIP, SKIP]);  // not drawn yet
  assert.deepEqual(sdplan.playStep(3, 3, 3, { step: 3 }, words), [SKIP, true, "Play", "false"]);
});
