// ESLint for what runs in the browser (assets/*.js, plain scripts: no bundler) and the JS tests (Node modules).
// Run: npm ci && npm run lint (make lint runs it where node and npm exist).
import js from "@eslint/js";
import globals from "globals";

export default [
  {ignores: ["assets/vendor/**", "node_modules/**"]},
  js.configs.recommended,
  {
    files: ["assets/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {...globals.browser, L: "readonly"},  // Leaflet, loaded by dash-leaflet
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      "eqeqeq": "error",
      "no-unused-vars": ["error", {args: "none"}],  // Dash passes every input, used or not
    },
  },
  {
    files: ["tests/js/**/*.mjs"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: globals.node},
  },
];
