import { defineConfig } from "astro/config";
import { runfolio } from "./src/integration/runfolio.ts";

export default defineConfig({
  output: "static",
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
