import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";

const CLIENT = path.join(import.meta.dirname, "../src/client");

/**
 * The browser chart code as the site ships it, split into an entry and lazily loaded chunks:
 * the entry alone (on every chart page), what a page of line charts loads (entry, the line chart
 * chunk and what they import: no vega), and every chunk (a page with the vega kinds too).
 */
export async function measureChartBundle(): Promise<{ entryGz: number; lineGz: number; totalGz: number }> {
  const result = await build({
    entryPoints: [path.join(CLIENT, "hydrateCharts.ts")],
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    write: false,
    outdir: "/virtual",
    metafile: true,
    logLevel: "silent",
  });
  const gzOf = new Map(result.outputFiles.map((f) => [path.relative("/virtual", f.path), gzipSync(f.contents, { level: 9 }).length]));
  const outputs = result.metafile.outputs;
  const entry = outputOf(outputs, (o) => o.entryPoint?.endsWith("hydrateCharts.ts") === true);
  const lineChart = outputOf(outputs, (o) => Object.keys(o.inputs).some((i) => i.endsWith("src/client/lineChart/view.ts")));
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + (gzOf.get(path.relative("/virtual", f)) ?? 0), 0);
  return {
    entryGz: sum([entry]),
    lineGz: sum(staticClosure(outputs, [entry, lineChart])),
    totalGz: sum(Object.keys(outputs)),
  };
}

function outputOf(outputs: Metafile["outputs"], test: (o: Metafile["outputs"][string]) => boolean): string {
  const found = Object.entries(outputs).find(([file, o]) => file.endsWith(".js") && test(o));
  if (!found) throw new Error("chart bundle: expected chunk not found");
  return found[0];
}

/** The files and everything they import statically (what loading them fetches). */
function staticClosure(outputs: Metafile["outputs"], roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const key = Object.keys(outputs).find((k) => k === file || path.resolve(k) === path.resolve(file)) ?? file;
    if (seen.has(key)) return;
    seen.add(key);
    for (const i of outputs[key]?.imports ?? []) if (i.kind === "import-statement") visit(i.path);
  };
  roots.forEach(visit);
  return seen;
}
