import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The browser chart code as the site ships it: split into an entry and lazily loaded chunks. */
export async function measureChartBundle(): Promise<{ entryGz: number; totalGz: number }> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "../src/client/hydrateCharts.ts")],
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    write: false,
    outdir: "/virtual",
    logLevel: "silent",
  });
  let entryGz = 0;
  let totalGz = 0;
  for (const file of result.outputFiles) {
    const size = gzipSync(file.contents, { level: 9 }).length;
    totalGz += size;
    if (path.basename(file.path).startsWith("hydrateCharts")) entryGz += size;
  }
  return { entryGz, totalGz };
}
