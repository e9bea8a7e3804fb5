import { execFile } from "node:child_process";
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { measureReportPage, type ReportPageFigures } from "./scaleReportPage.ts";
import { metricName, writeSyntheticRuns } from "./synthetic.ts";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "..");

export interface ScaleSize {
  runs: number;
  steps: number;
}

/** `BENCH_SCALE=1000x1000,10000x1000` → sizes; the default is a quick one. */
export function scaleSizes(spec: string | undefined): ScaleSize[] {
  return (spec || "100x1000").split(",").map((part) => {
    const m = /^\s*(\d+)x(\d+)\s*$/.exec(part);
    if (!m) throw new Error(`BENCH_SCALE: "${part}" is not <runs>x<steps>`);
    return { runs: Number(m[1]), steps: Number(m[2]) };
  });
}

export interface BuildFigures {
  /** Wall-clock time of the build. */
  ms: number;
  /** CPU time of the build process (user + system): on a shared machine, steadier than `ms`. */
  cpuMs: number;
  maxRssKb: number;
}

export interface ScaleFigures {
  size: ScaleSize;
  inputBytes: number;
  cold: BuildFigures;
  unchanged: BuildFigures;
  appended: BuildFigures;
  /**
   * With `RUNFOLIO_INCREMENTAL=1` (Astro's incremental build), after the three above: a first
   * build that renders every page and writes Astro's copies, then nothing changed, then rows
   * appended to one run again.
   */
  incremental: { first: BuildFigures; unchanged: BuildFigures; appended: BuildFigures };
  distBytes: number;
  distFiles: number;
  composition: DistComposition;
  reportPage: ReportPageFigures | null;
}

/**
 * Where `dist/` goes, per run and not: each run's page, JSON and preview card; the site-wide
 * files that list every run (`data/runs.json`, the explorer's two files, the search index);
 * and the rest (reports, embeds, scripts), which grows with what reports show, not with runs.
 */
export interface DistComposition {
  runPages: number[];
  runPagesGzip: number[];
  runJson: number;
  runCards: number;
  listing: number;
  rest: number;
}

/**
 * The project at one size: N runs × S steps × 5 metrics (run.json + history.csv), one
 * report with five line charts grouped over every run and a runs table, built with `astro build`
 * three times with the same cache folder (dist/ removed before each, as in CI): cold, again with
 * nothing changed, and after appending rows to one run.
 */
export async function measureScale(work: string, size: ScaleSize, log: (line: string) => void): Promise<ScaleFigures> {
  const root = path.join(work, `scale-${size.runs}x${size.steps}`);
  await rm(root, { recursive: true, force: true });
  log(`scale ${size.runs} × ${size.steps}: writing the project…`);
  const files = await writeSyntheticRuns(root, { project: "scale", runs: size.runs, steps: size.steps, metrics: 5 });
  await writeScaleReport(root);
  let inputBytes = 0;
  for (const f of files) inputBytes += (await stat(f)).size + (await stat(path.join(path.dirname(f), "run.json"))).size;
  const dirs = { root, out: path.join(root, "dist"), cache: path.join(root, "cache") };
  try {
    log(`scale ${size.runs} × ${size.steps}: cold build…`);
    const cold = await buildOnce(dirs);
    log(`scale ${size.runs} × ${size.steps}: rebuild, nothing changed…`);
    const unchanged = await buildOnce(dirs);
    await appendRows(files[0]!, size.steps, 10);
    log(`scale ${size.runs} × ${size.steps}: rebuild after appending rows to one run…`);
    const appended = await buildOnce(dirs);
    const dist = await folderSize(dirs.out);
    log(`scale ${size.runs} × ${size.steps}: with RUNFOLIO_INCREMENTAL=1, a first build, nothing changed, and rows appended…`);
    const on = { RUNFOLIO_INCREMENTAL: "1" };
    const first = await buildOnce(dirs, on);
    const incrementalUnchanged = await buildOnce(dirs, on);
    await appendRows(files[0]!, size.steps + 10, 10);
    const incrementalAppended = await buildOnce(dirs, on);
    log(`scale ${size.runs} × ${size.steps}: the report page in Chromium…`);
    const reportPage = await measureReportPage(dirs.out, "scale");
    return { size, inputBytes, cold, unchanged, appended, incremental: { first, unchanged: incrementalUnchanged, appended: incrementalAppended }, distBytes: dist.bytes, distFiles: dist.files, composition: await distComposition(dirs.out), reportPage };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The scale project's report: five line charts grouped over every run and a `runs` table. */
export async function writeScaleReport(root: string): Promise<void> {
  const charts = Array.from({ length: 5 }, (_, m) => `\`\`\`chart\ntitle: ${metricName(m)} by learning rate\nruns: project = "scale"\ny: ${metricName(m)}\ngroup: config.lr\n\`\`\`\n`);
  const table = "```runs\nruns: project = \"scale\"\ncolumns: [name, group, config.lr, config.seed, summary.train/loss, summary.val/loss]\n```\n";
  await mkdir(path.join(root, "reports"), { recursive: true });
  await writeFile(path.join(root, "reports", "scale.md"), `---\ntitle: Scale\n---\n\n${charts.join("\n")}\n${table}`);
}

/** Appends `count` rows continuing the file's last step (a run that went on training). */
async function appendRows(file: string, steps: number, count: number): Promise<void> {
  const last = (await readFile(file, "latin1")).trimEnd().split("\n").at(-1)!.split(",");
  const rows: string[] = [];
  for (let i = 1; i <= count; i++) rows.push([String(steps - 1 + i), (Number(last[1]) + i * 0.25).toFixed(2), ...last.slice(2)].join(","));
  await appendFile(file, rows.join("\n") + "\n");
}

async function buildOnce(dirs: { root: string; out: string; cache: string }, env: Record<string, string> = {}): Promise<BuildFigures> {
  const resultFile = path.join(dirs.root, "build-result.json");
  // Each build starts without dist/, as in CI (a fresh checkout restores the cache folder, not
  // the site): otherwise Astro's emptying of the old dist/ (6 s of system time for 3,000 files
  // on this machine) is counted as the rebuild's.
  await rm(dirs.out, { recursive: true, force: true });
  const started = performance.now();
  try {
    await run(process.execPath, [path.join(import.meta.dirname, "buildChild.ts"), resultFile], {
      cwd: repoRoot,
      env: { ...process.env, RUNFOLIO_DATA_DIR: dirs.root, RUNFOLIO_OUT_DIR: dirs.out, RUNFOLIO_CACHE_DIR: dirs.cache, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const out = e as { stdout?: string; stderr?: string };
    throw new Error(`astro build failed:\n${(out.stdout ?? "").slice(-4000)}\n${(out.stderr ?? "").slice(-4000)}`, { cause: e });
  }
  const ms = performance.now() - started;
  const { code, maxRssKb, cpuMs } = JSON.parse(await readFile(resultFile, "utf8")) as { code: number; maxRssKb: number; cpuMs: number };
  if (code !== 0) throw new Error(`astro build exited with ${code}`);
  return { ms, cpuMs, maxRssKb };
}

const LISTING = new Set(["data/runs.json", "data/explorer.json", "data/explorer-head.json", "data/explorer-fields.json", "search-index.json"]);

async function distComposition(dist: string): Promise<DistComposition> {
  const c: DistComposition = { runPages: [], runPagesGzip: [], runJson: 0, runCards: 0, listing: 0, rest: 0 };
  for (const entry of await readdir(dist, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dist, file).split(path.sep).join("/");
    const bytes = (await stat(file)).size;
    if (/^runs\/[^/]+\/[^/]+\/index\.html$/.test(rel)) {
      c.runPages.push(bytes);
      c.runPagesGzip.push(gzipSync(await readFile(file)).length);
    } else if (/^data\/runs\/.+\.json$/.test(rel)) c.runJson += bytes;
    else if (/^og\/runs\/.+\.png$/.test(rel)) c.runCards += bytes;
    else if (LISTING.has(rel)) c.listing += bytes;
    else c.rest += bytes;
  }
  return c;
}

/**
 * `dist/` projected to `runs` runs of the same steps: each run's page, JSON and card, and the
 * listing files, grow with the runs; the rest is taken as it is (it grows with what the reports show).
 */
export function projectedDist(f: ScaleFigures, runs: number): number {
  const c = f.composition;
  const perRun = (sum(c.runPages) + c.runJson + c.runCards + c.listing) / f.size.runs;
  return c.rest + perRun * runs;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { bytes, files };
}

/** Size of the project whose rebuild measures Astro's fixed cost: small enough that its runs cost nothing. */
const FIXED_COST_SIZE: ScaleSize = { runs: 10, steps: 100 };

/**
 * What any rebuild costs whatever the runs: a 10-run project built cold, then rebuilt three times
 * with nothing changed; the median rebuild. Starting node, Astro and Vite, the content layer,
 * Astro's two Vite builds and writing its few pages, none of which grows with runs. A rebuild
 * can take no less, so `fixed / cold` is the least share a rebuild of a size can reach.
 */
export async function measureFixedCost(work: string): Promise<BuildFigures> {
  const root = path.join(work, "scale-fixed-cost");
  await rm(root, { recursive: true, force: true });
  await writeSyntheticRuns(root, { project: "scale", ...FIXED_COST_SIZE, metrics: 5 });
  await writeScaleReport(root);
  const dirs = { root, out: path.join(root, "dist"), cache: path.join(root, "cache") };
  try {
    await buildOnce(dirs);
    const rebuilds: BuildFigures[] = [];
    for (let i = 0; i < 3; i++) rebuilds.push(await buildOnce(dirs));
    rebuilds.sort((a, b) => a.ms - b.ms);
    return rebuilds[1]!;
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * The `scale` section of `npm run bench`: Astro's fixed cost, then each size of `BENCH_SCALE` in
 * turn (in a temporary folder under `work`), then the per-run cost of each size as a ratio
 * against the first.
 */
export async function scaleSection(work: string, spec: string | undefined, report: (what: string, value: string, goal: string) => void): Promise<void> {
  const sizes = scaleSizes(spec);
  const results: ScaleFigures[] = [];
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  const both = (b: BuildFigures) => `${s(b.ms)} (CPU ${s(b.cpuMs)})`;
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)}% of cold`;
  console.log(`scale: Astro's fixed cost (${FIXED_COST_SIZE.runs} runs × ${FIXED_COST_SIZE.steps} steps, rebuilt with nothing changed)…`);
  const fixed = await measureFixedCost(work);
  report(`fixed cost: a ${FIXED_COST_SIZE.runs}-run site rebuilt with nothing changed, wall (CPU)`, both(fixed), "reported");
  // The part of a rebuild that grows with runs, against the same part of the cold build.
  const aboveFixed = (b: BuildFigures, cold: BuildFigures) => `${((100 * Math.max(0, b.ms - fixed.ms)) / (cold.ms - fixed.ms)).toFixed(0)}%`;
  for (const size of sizes) {
    const f = await measureScale(work, size, (line) => console.log(line));
    results.push(f);
    const name = `${size.runs.toLocaleString("en")} runs × ${size.steps.toLocaleString("en")} steps`;
    console.log(`\nscale: ${name} × 5 metrics, ${mb(f.inputBytes)} of input, report of 5 grouped line charts + runs table\n`);
    report(`${name}: cold build, wall (CPU)`, both(f.cold), "reported");
    report(`${name}: peak memory (cold build)`, `${(f.cold.maxRssKb / 1024).toFixed(0)} MB`, "≤ 1,536 MB");
    report(`${name}: rebuild, nothing changed`, `${both(f.unchanged)} = ${pct(f.unchanged.ms, f.cold.ms)} (CPU ${pct(f.unchanged.cpuMs, f.cold.cpuMs)})`, "≤ 15%");
    report(`${name}: rebuild after appending rows to one run`, `${both(f.appended)} = ${pct(f.appended.ms, f.cold.ms)} (CPU ${pct(f.appended.cpuMs, f.cold.cpuMs)})`, "≤ 20%");
    report(`${name}: fixed cost / cold build (the least a rebuild can take)`, pct(fixed.ms, f.cold.ms), "reported");
    report(`${name}: rebuilds above the fixed cost, nothing changed / appended`, `${aboveFixed(f.unchanged, f.cold)} / ${aboveFixed(f.appended, f.cold)} of the cold build's`, "reported");
    report(`${name}: peak memory (rebuilds)`, `${(f.unchanged.maxRssKb / 1024).toFixed(0)} MB / ${(f.appended.maxRssKb / 1024).toFixed(0)} MB`, "reported");
    const inc = f.incremental;
    report(`${name}: RUNFOLIO_INCREMENTAL=1, first build (renders all, writes copies)`, `${both(inc.first)} = ${pct(inc.first.ms, f.cold.ms)}, peak ${(inc.first.maxRssKb / 1024).toFixed(0)} MB`, "reported");
    report(`${name}: RUNFOLIO_INCREMENTAL=1, rebuild, nothing changed`, `${both(inc.unchanged)} = ${pct(inc.unchanged.ms, f.cold.ms)} (CPU ${pct(inc.unchanged.cpuMs, f.cold.cpuMs)}), peak ${(inc.unchanged.maxRssKb / 1024).toFixed(0)} MB`, "≤ 15%");
    report(`${name}: RUNFOLIO_INCREMENTAL=1, rebuild after appending rows to one run`, `${both(inc.appended)} = ${pct(inc.appended.ms, f.cold.ms)} (CPU ${pct(inc.appended.cpuMs, f.cold.cpuMs)}), peak ${(inc.appended.maxRssKb / 1024).toFixed(0)} MB`, "≤ 20%");
    report(`${name}: dist/`, `${mb(f.distBytes)} in ${f.distFiles.toLocaleString("en")} files`, "≤ 1 GB");
    const c = f.composition;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    report(`${name}: run page (median), HTML / gzipped`, `${kb(median(c.runPages))} / ${kb(median(c.runPagesGzip))}`, "≤ 30 KB gzipped");
    report(`${name}: per run, page + JSON + card`, `${kb(sum(c.runPages) / size.runs)} + ${kb(c.runJson / size.runs)} + ${kb(c.runCards / size.runs)}`, "reported");
    if (f.reportPage) {
      const r = f.reportPage;
      report(`${name}: report page (${r.charts} grouped charts, runs table of ${r.tableRows} rows shown): longest main-thread task`, `${r.longestTaskMs.toFixed(0)} ms (all hydrated after ${(r.readyMs / 1000).toFixed(1)} s)`, "≤ 200 ms");
      report(`${name}: report page HTML (largest chart SVG)`, `${kb(r.htmlBytes)} (${kb(r.largestSvgBytes)})`, "reported");
    }
    report(`${name}: dist/ projected to 10,000 runs`, `${mb(projectedDist(f, 10_000))} (listing files ${kb(c.listing / size.runs)} a run, the rest ${mb(c.rest)} as built)`, "≤ 1 GB");
  }
  const first = results[0]!;
  for (const f of results.slice(1)) {
    const name = `${f.size.runs.toLocaleString("en")} vs ${first.size.runs.toLocaleString("en")} runs`;
    const perRun = (x: ScaleFigures) => x.cold.ms / x.size.runs;
    const cpuPerRun = (x: ScaleFigures) => x.cold.cpuMs / x.size.runs;
    report(`${name}: cold build time per run, wall (CPU)`, `${(perRun(f) / perRun(first)).toFixed(2)}× (${(cpuPerRun(f) / cpuPerRun(first)).toFixed(2)}×)`, "≤ 1.2×");
    report(`${name}: peak memory`, `${(f.cold.maxRssKb / first.cold.maxRssKb).toFixed(2)}×`, "≤ 1.3×");
    report(`${name}: dist/ bytes per run`, `${(f.distBytes / f.size.runs / (first.distBytes / first.size.runs)).toFixed(2)}×`, "reported");
  }
}
