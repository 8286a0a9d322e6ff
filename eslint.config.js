// ESLint's flat config: JavaScript's and typescript-eslint's recommended rules over the project's code.
// Formatting is Prettier's job (`npm run format`), so no rule here is about layout.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "_site/",
      ".test-output*/",
      "test-results/",
      ".scratch*/",
      "tests/fixtures/",
      "assets/js/**/*.min.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a value taken only to leave it out, as in `const { pages: _pages, ...rest } = model`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // The trust rules exist to find control characters in URLs, names and paths: matching them is the point.
      "no-control-regex": "off",
    },
  },
  {
    // Eleventy ships no types: this file is the one place that says how its API is typed, loosely where it is untyped.
    files: ["lib/eleventy/types.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The browser's scripts.
    files: ["assets/js/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
