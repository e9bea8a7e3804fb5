// The lint gate: correctness rules and the project's boundaries, not style (formatting is left
// alone). `npm run lint`; `npm test` runs it after the typecheck.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import globals from "globals";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import { browserCoreModules } from "./scripts/browserModules.js";

const universal = new Set([...Object.keys(globals.node), ...Object.keys(globals.es2025)]);
// Globals that exist only in a browser (document, window, HTMLElement, …): core is framework-free
// and runs in Node as well, so it takes what it needs as arguments instead.
const browserOnlyGlobals = Object.keys(globals.browser).filter((name) => !universal.has(name));
// Globals that exist only in Node: a module the browser bundles must not touch them.
const nodeOnlyGlobals = Object.keys(globals.node).filter((name) => !(name in globals.browser) && !(name in globals.es2025));

const nodeModules = ["node:*", ...builtinModules.filter((name) => !name.startsWith("_"))];
const noDomGlobals = browserOnlyGlobals.map((name) => ({ name, message: "src/core runs in Node too: take DOM objects as arguments, or move the code to src/client." }));
const noNodeGlobals = nodeOnlyGlobals.map((name) => ({ name, message: "The browser runs this module: no Node-only globals here." }));
const browserCore = browserCoreModules();

export default defineConfig(
  {
    ignores: ["dist/", "lib/", "node_modules/", ".astro/", "test-artifacts/", "python/", "**/*.d.ts"],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{js,mjs,ts}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node },
    },
    plugins: { "import-x": importX },
    settings: {
      // no-cycle parses the modules it follows: TypeScript ones with the TypeScript parser.
      "import-x/extensions": [".ts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
      "import-x/resolver-next": [importX.createNodeResolver({ extensions: [".ts", ".js", ".mjs", ".json"] })],
    },
    rules: {
      // A runtime cycle makes module initialisation order matter; shared pieces go to their own module.
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // `ok && f()` and `c ? f() : g()` as statements are calls made on purpose, not lost values.
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // Sanitisers and file-name checks match control characters on purpose.
      "no-control-regex": "off",
      // Style, not correctness: `let` versus `const` is left to the author.
      "prefer-const": "off",
    },
  },
  {
    // Core is framework-free: no Astro, no DOM, nothing from the adapters around it.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["astro", "astro:*", "astro/*", "@astrojs/*"], message: "src/core is framework-free: Astro belongs in src/pages, src/components or src/integration." },
            { group: ["*.astro"], message: "src/core is framework-free: components belong to the Astro side." },
          ],
        },
      ],
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./src/core",
              from: "./src",
              except: ["./core"],
              message: "src/core may not depend on the adapters around it (pages, components, client, site, integration, cli, check).",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...noDomGlobals],
    },
  },
  {
    // Browser code: src/client, and the core modules it bundles (computed from its entries).
    files: ["src/client/**/*.ts", ...browserCore],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [{ group: nodeModules, allowTypeImports: true, message: "The browser runs this module: no Node-only modules here." }],
        },
      ],
      "no-restricted-globals": ["error", ...noNodeGlobals],
    },
  },
  {
    files: browserCore,
    rules: {
      "no-restricted-globals": ["error", ...noDomGlobals, ...noNodeGlobals],
    },
  },
  {
    files: ["src/client/**/*.ts"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
