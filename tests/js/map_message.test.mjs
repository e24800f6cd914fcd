// The browser's side of the map message: assets/sdplan_map.js reads the hideouts the server wrote (given by
// tests/test_map_message.py in SDPLAN_HIDEOUTS) as sdplan/hideout.schema.json says, and its tooltip places
// the server's texts in order, escaped, without writing a number of its own. Run by `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const root = new URL("../../", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("sdplan/hideout.schema.json", root), "utf8"));
const cases = JSON.parse(readFileSync(process.env.SDPLAN_HIDEOUTS, "utf8"));

function loadMap() {
  const noop = () => {};
  const context = { window: { addEventListener: noop }, document: { addEventListener: noop }, L: {} };
  context.window.window = context.window;
  vm.createContext(context);
  vm.runInContext(`var window = this.window; var document = this.document; var L = this.L;\n` +
                  readFileSync(new URL("assets/sdplan_map.js", root), "utf8"), context);
  return context.window.sdplan.map;
}

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

test("every hideout has the schema's keys, and a column per region", () => {
  for (const { hideout } of cases) {
    for (const key of schema.required) assert.ok(key in hideout, `missing ${key}`);
    for (const key of Object.keys(hideout)) assert.ok(key in schema.properties, `unknown key ${key}`);
    for (const column of ["cls", "val", "lines", "smp", "src"]) {
      assert.equal(hideout[column].length, hideout.codes.length, `${column} has one entry per region`);
    }
    hideout.src.forEach((i) => assert.ok(i === null || (Number.isInteger(i) && i < hideout.srcs.length)));
  }
});

test("the tooltip places the server's texts in order, escaped, and writes nothing of its own", () => {
  const map = loadMap();
  let checked = 0;
  for (const { hideout, names } of cases) {
    hideout.codes.forEach((code, i) => {
      const props = { adcode: code, name_zh: names[code][0], name_en: names[code][1] };
      const parts = map.tooltip(props, hideout).split("<br>");
      const value = hideout.val[i];
      const expected = ["<b>" + escape(hideout.lang === "en" ? props.name_en : props.name_zh) + "</b>",
                        escape(value === null ? hideout.words.nodata : value),
                        ...(hideout.lines[i] || []).map(escape)];
      if (hideout.target) expected.push(escape(hideout.target));
      if (value !== null) {
        expected.push(hideout.smp[i] ? "<span class='tip-sample'>" + escape(hideout.words.sample) + "</span>"
                                     : escape(hideout.src[i] === null ? hideout.words.sourced : hideout.srcs[hideout.src[i]]));
      }
      assert.deepEqual(parts, expected, `${code}`);
      checked += 1;
    });
    if (hideout.scope) {  // the drilled city itself, chosen while its counties are drawn: its own figure
      const s = hideout.scope;
      const props = { adcode: s.code, name_zh: names[s.code][0], name_en: names[s.code][1] };
      assert.deepEqual(map.tooltip(props, hideout).split("<br>"),
                       ["<b>" + escape(hideout.lang === "en" ? props.name_en : props.name_zh) + "</b>",
                        escape(s.val === null ? hideout.words.nodata : s.val), ...(s.lines || []).map(escape)]);
      checked += 1;
    }
  }
  assert.ok(checked > 100);
});

test("a region's style takes its class colour, the no-data colour, or the muted one outside the scope", () => {
  const map = loadMap();
  for (const { hideout } of cases) {
    map.hideout = hideout;
    const out = new Set(hideout.out);
    hideout.codes.forEach((code, i) => {
      const fill = map.style({ properties: { adcode: code } }).fillColor;
      const wanted = out.has(code) ? hideout.style.muted : hideout.cls[i] >= 0 ? hideout.palette[hideout.cls[i]] : hideout.style.nodata;
      assert.equal(fill, wanted, code);
    });
  }
});
