// Bundles the CLI (src/cli/runfolio.ts and what it imports from src/) into lib/runfolio.mjs for the
// npm package: Node strips no TypeScript types under node_modules, so the installed command cannot
// run the sources. Libraries stay imports (packages: "external"). Runs as `prepack`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: [path.join(root, "src/cli/runfolio.ts")],
  absWorkingDir: root,
  outfile: path.join(root, "lib/runfolio.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  packages: "external",
  splitting: false,
  legalComments: "none",
  logLevel: "warning",
});
