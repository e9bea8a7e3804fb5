import { defineConfig } from "astro/config";
import runfolio from "runfolio";

export default defineConfig({
  output: "static",
  integrations: [
    runfolio({
      title: "Vision team experiments",
      // Paths from this project's root; each component gets the props of its type (docs/own-astro-site.md).
      components: {
        Header: "./src/components/TeamHeader.astro",
        Footer: "./src/components/TeamFooter.astro",
        RunPageSections: "./src/components/TeamRunSections.astro",
      },
    }),
  ],
});
