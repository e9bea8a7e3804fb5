import { defineConfig } from "astro/config";
import { runfolio } from "./src/integration/runfolio.ts";

export default defineConfig({
  output: "static",
  // A sub-path to serve the site under, e.g. RUNFOLIO_BASE=/my-experiments/ for a GitHub Pages
  // project site; unset, the site is served from the root.
  ...(process.env.RUNFOLIO_BASE ? { base: process.env.RUNFOLIO_BASE } : {}),
  // Tests build into a folder of their own; everyone else gets dist/.
  outDir: process.env.RUNFOLIO_OUT_DIR || "./dist",
  cacheDir: process.env.RUNFOLIO_CACHE_DIR || "./node_modules/.astro",
  integrations: [runfolio()],
  build: {
    // Separate files only: a strict Content-Security-Policy allows no inline styles or scripts.
    inlineStylesheets: "never",
  },
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
