import { readdirSync } from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const CLIENT = path.resolve(import.meta.dirname, "../../src/client");

/**
 * The RE2 engine (re2js, ~47 KB gzipped) is for `~` filters only: no page script may load it with
 * the page. One static import path from a browser module to `core/query/index.ts` (which re-exports
 * the compiler) is enough for the bundler to load it eagerly, so this checks the bundle itself.
 */
describe("browser bundle: the RE2 engine loads on demand only", () => {
  it("is in a chunk that only a dynamic import reaches, from every page script", async () => {
    const entries = readdirSync(CLIENT).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
    const result = await build({
      entryPoints: entries.map((f) => path.join(CLIENT, f)),
      bundle: true,
      splitting: true,
      format: "esm",
      write: false,
      outdir: "/virtual",
      metafile: true,
      logLevel: "silent",
    });
    const outputs = result.metafile.outputs;
    const hasRe2 = (file: string) => Object.keys(outputs[file]!.inputs).some((i) => i.includes("node_modules/re2js/"));
    const withRe2 = Object.keys(outputs).filter((f) => f.endsWith(".js") && hasRe2(f));
    expect(withRe2).toHaveLength(1);
    const eager: string[] = [];
    for (const [file, o] of Object.entries(outputs)) {
      // Page scripts only: the lazily imported module is an entry of its own chunk.
      if (!o.entryPoint?.includes("src/client/")) continue;
      const reached = staticClosure(outputs, file);
      if ([...reached].some(hasRe2)) eager.push(o.entryPoint);
    }
    expect(eager).toEqual([]);
    // The explorer and the runs tables do reach it, lazily.
    const lazy = Object.values(outputs).flatMap((o) => o.imports.filter((i) => i.kind === "dynamic-import").map((i) => i.path));
    expect(lazy).toContain(withRe2[0]);
  }, 120_000);
});

function staticClosure(outputs: Metafile["outputs"], root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !outputs[file]) return;
    seen.add(file);
    for (const i of outputs[file]!.imports) if (i.kind === "import-statement") visit(i.path);
  };
  visit(root);
  return seen;
}
