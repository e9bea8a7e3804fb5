// Which modules of src/core end up in the browser: everything the client entries (src/client/*.ts)
// load at run time, as a bundler resolves it. Type-only imports are erased and so not counted.
// The lint config restricts these modules to browser-safe imports; computing the set here keeps the
// rule right when a client entry starts using another core module.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Paths relative to the project root, e.g. "src/core/run.ts", sorted. */
export function browserCoreModules() {
  const clientDir = path.join(root, "src", "client");
  const entryPoints = readdirSync(clientDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((f) => path.join(clientDir, f));
  const result = buildSync({
    entryPoints,
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: "browser",
    format: "esm",
    splitting: true,
    outdir: "out",
    packages: "external",
    // Resolved and reported by the lint rule rather than failing the bundle here.
    external: ["node:*"],
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs)
    .filter((file) => file.startsWith("src/core/"))
    .sort();
}
