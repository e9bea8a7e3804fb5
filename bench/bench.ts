/**
 * `npm run bench`: performance figures as ratios against baselines measured in the same run.
 * Sections: build data work vs a byte-loop floor, page bytes vs steps logged and vs DVC-style
 * inlining, history formats (size, load speed and memory of csv.gz, jsonl.gz, parquet vs csv), build-time SVG size, chart JavaScript size, import throughput, Chromium load
 * behaviour, runs-table filter latency, peak memory.
 * Set BENCH_QUICK=1 for a smaller run-set while developing. The `scale` section builds whole
 * generated projects (sizes from BENCH_SCALE, e.g. `1000x1000,10000x1000`); BENCH_ONLY=scale runs
 * it alone. BENCH_ONLY=pages runs only the pages-at-scale figures (`/runs/` over 10,000 runs, a
 * `runs` table of 10,000 rows), BENCH_ONLY=explorer the `/runs/` ones alone. BENCH_ONLY=media runs the media figures alone (a 500-image
 * ```media block: bytes before scrolling, build time against the same site without media).
 * BENCH_ONLY=cards runs the run-preview-card figures alone (ms and bytes a card against resvg).
 * BENCH_ONLY=devserver starts `astro dev` on a generated project of BENCH_DEV_RUNS runs (10,000) and
 * times its start, a report edit and a run edit (bench/devServer.ts); it is not part of the full run.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { runDataWork } from "./dataWork.ts";
import { readAndParseFloor } from "./floor.ts";
import { metricName, writeReport, writeSyntheticRuns } from "./synthetic.ts";
import { measureBrowser } from "./browser.ts";
import { measureChartBundle } from "./bundle.ts";
import { importOnce, plainRead, writeLightningCsv } from "./importWork.ts";
import { measureTableFilter, type TableFilterFigures } from "./tableFilter.ts";
import { measureExplorer } from "./explorerScale.ts";
import { measureRowsTable } from "./rowsTable.ts";
import { formatsAtScale, formatsSection, type ChildResult } from "./formats.ts";
import { scaleSection } from "./scale.ts";
import { measureMedia } from "./media.ts";
import { cardsSection } from "./cards.ts";
import { devServerSection } from "./devServer.ts";

const run = promisify(execFile);
const quick = process.env.BENCH_QUICK === "1";
const gz = (s: string | Uint8Array) => gzipSync(s, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const rows: [string, string, string][] = [];
const report = (what: string, value: string, goal: string) => {
  rows.push([what, value, goal]);
  console.log(`${what.padEnd(64)} ${value.padEnd(26)} ${goal}`);
};

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** `/runs/` over a generated 10,000-run index against the example site's own. */
async function explorerFigures(): Promise<void> {
  const explorer = await measureExplorer(work);
  if (explorer) {
    const { example: a, big: b } = explorer;
    report(`explorer index, ${b.runs.toLocaleString("en")} runs: JSON / gzipped`, `${kb(b.indexBytes)} / ${kb(b.indexGzipBytes)}`, "≤ 1 MB gzipped");
    report(`explorer fields (git, config, other metrics; loaded after): JSON / gzipped`, `${kb(b.fieldsBytes)} / ${kb(b.fieldsGzipBytes)}`, "reported");
    report(`/runs/ first render, ${b.runs.toLocaleString("en")} vs ${a.runs} runs`, `${ms(b.firstRenderMs)} vs ${ms(a.firstRenderMs)} = ${ratio(b.firstRenderMs, a.firstRenderMs)}`, "≤ 1000 ms");
    report(`/runs/ every field in (fields file merged), ${b.runs.toLocaleString("en")} vs ${a.runs} runs`, `${ms(b.fieldsReadyMs)} vs ${ms(a.fieldsReadyMs)} = ${ratio(b.fieldsReadyMs, a.fieldsReadyMs)}`, "reported");
    report("/runs/ expression filter (apply or clear)", `${ms(b.filterMs)} vs ${ms(a.filterMs)} = ${ratio(b.filterMs, a.filterMs)}`, "≤ 100 ms");
    report("/runs/ sort by a header", `${ms(b.sortMs)} vs ${ms(a.sortMs)} = ${ratio(b.sortMs, a.sortMs)}`, "≤ 100 ms");
    report("/runs/ longest main-thread task", `${ms(b.longestTaskMs)} vs ${ms(a.longestTaskMs)}`, "≤ 200 ms");
  }
}

/** `/runs/` over a generated 10,000-run index and a `runs` table of 10,000 rows, against the small cases. */
async function pagesAtScale(table: TableFilterFigures): Promise<void> {
  await explorerFigures();
  const bigTable = await measureTableFilter(work, 10_000);
  if (bigTable) {
    report(`runs table of ${bigTable.rows.toLocaleString("en")} runs: ready after`, `${ms(bigTable.readyMs)} vs ${ms(table.readyMs)} (${table.rows.toLocaleString("en")}) = ${ratio(bigTable.readyMs, table.readyMs)}`, "reported");
    report("same table: expression filter / sort", `${ms(bigTable.expressionMs)} / ${ms(bigTable.sortMs)}`, "reported");
    report("same table: longest main-thread task", `${ms(bigTable.longestTaskMs)} vs ${ms(table.longestTaskMs)}`, "≤ 200 ms");
  }
}

/**
 * A joined `table` block of 100,000 examples in Chromium: each figure against the plain way in the
 * same page (`Array.prototype.sort` / `filter` over the rows as objects, `JSON.parse` of the file).
 */
async function tablesSection(): Promise<void> {
  const big = await measureRowsTable(work, 100_000);
  if (!big) {
    report("table block measurements", "skipped: /usr/bin/chromium not found", "");
    return;
  }
  const { baseline: base } = big;
  const vs = (a: number, b: number, what: string) => `${ms(a)} vs ${ms(b)} ${what} = ${ratio(a, b)}`;
  const sort = "plain sort";
  report(`table block, ${big.rows.toLocaleString("en")} joined rows: rows file`, `${(big.fileBytes / 1e6).toFixed(2)} MB`, "reported");
  report("same: first sort at once after load (rest of fetch + read)", vs(big.firstSortMs, base.sortMs, sort), "reported");
  report("same: first sort by a number, rows read in idle time", vs(big.firstSortLaterMs, base.sortMs, sort), "≤ 100 ms");
  report("same: then first sort by a text column", vs(big.firstTextSortMs, base.textSortMs, "plain text sort"), "≤ 100 ms");
  report("same: then first filter (expression)", vs(big.firstFilterMs, base.filterMs, "plain filter"), "≤ 100 ms");
  report("same: sort again", vs(big.sortMs, base.sortMs, sort), "≤ 100 ms");
  report("same: filter (expression)", vs(big.filterMs, base.filterMs, "plain filter"), "≤ 100 ms");
  report("same: only disagreements / next page", `${ms(big.onlyDisagreementsMs)} / ${ms(big.nextPageMs)}`, "≤ 100 ms");
  report("same: longest task, load + 3 s (rows read in a worker)", vs(big.longestLoadTaskMs, base.parseMs, "JSON.parse of the file"), "≤ 200 ms");
  report("same: longest task, load + 3 s, no worker (fallback)", vs(big.longestLoadTaskNoWorkerMs, base.parseMs, "JSON.parse of the file"), "reported");
  report("same: longest task, load + every interaction", ms(big.longestTaskMs), "≤ 200 ms");
}

const work = await mkdtemp(path.join(tmpdir(), "runfolio-bench-"));
if (process.env.BENCH_ONLY === "tables") {
  try {
    await tablesSection();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
if (process.env.BENCH_ONLY === "explorer") {
  try {
    await explorerFigures();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
if (process.env.BENCH_ONLY === "pages") {
  try {
    const table = await measureTableFilter(work);
    if (table) await pagesAtScale(table);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
async function mediaSection(): Promise<void> {
  const m = await measureMedia(work);
  if (!m) return;
  if (m.imagesInBlock > 0) {
    report(`media block of ${m.imagesInBlock} images: loaded before scrolling`, `${kb(m.textGzBytes)} gz text + ${kb(m.imageBytes)} in ${m.imagesLoaded} images`, "≤ 200 KB gzipped");
    report("same block: its per-step index (gz, in the page above)", kb(m.payloadGzBytes), "reported");
  } else report("media block in Chromium", "skipped: /usr/bin/chromium not found", "");
  report("build with a 500-image media block vs without media, cold", `${ms(m.buildColdMs)} vs ${ms(m.buildWithoutMs)} = ${ratio(m.buildColdMs, m.buildWithoutMs)}`, "reported");
  report("same, again with the build cache (thumbnails kept)", `${ms(m.buildWarmMs)} = ${ratio(m.buildWarmMs, m.buildWithoutMs)}`, "≈ 1×");
}

if (process.env.BENCH_ONLY === "media") {
  try {
    await mediaSection();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
if (process.env.BENCH_ONLY === "cards") {
  cardsSection(report, quick);
  await rm(work, { recursive: true, force: true });
  process.exit(0);
}
if (process.env.BENCH_ONLY === "devserver") {
  try {
    await devServerSection(work, report);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
if (process.env.BENCH_ONLY === "scale") {
  try {
    await scaleSection(work, process.env.BENCH_SCALE, report);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  process.exit(0);
}
try {
  // 1. Build data work against a byte-loop floor over the same files.
  const big = { project: "bench", runs: quick ? 20 : 100, steps: 10_000, metrics: 5 };
  const bigRoot = path.join(work, "big");
  const files = await writeSyntheticRuns(bigRoot, big);
  // Ten different charts: each metric once on a linear and once on a log y axis (no two share a frame).
  await writeReport(bigRoot, "ten-charts", Array.from({ length: 10 }, (_, i) => ({ y: metricName(i % big.metrics), logY: i >= big.metrics })));
  // Warm both, then alternate: a floor measured alone right after writing 65 MB (dirty pages,
  // a heap full of generator garbage) runs at a third of its speed and flatters the ratio.
  const floorResult = await readAndParseFloor(files);
  await runDataWork(bigRoot);
  // This machine's speed drifts by a third over seconds: each round's data work is divided by the
  // floor measured right before it, and the median of those ratios is the figure.
  const floorTimes: number[] = [];
  const dataTimes: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < 7; round++) {
    floorTimes.push(await median(1, () => readAndParseFloor(files)));
    dataTimes.push(await median(1, () => runDataWork(bigRoot)));
    ratios.push(dataTimes[round]! / floorTimes[round]!);
  }
  const middle = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const floor = middle(floorTimes);
  const dataWork = middle(dataTimes);
  const mb = floorResult.bytes / 1e6;
  console.log(`\nrun set: ${big.runs} runs × ${big.steps} steps × ${big.metrics} metrics, ${mb.toFixed(1)} MB of CSV\n`);
  report("byte-loop floor: read + parse every number", `${ms(floor)} (${(mb / (floor / 1000)).toFixed(0)} MB/s)`, "baseline");
  report(
    "build data work, report of 10 line charts",
    `${ms(dataWork)} = ${middle(ratios).toFixed(2)}× floor (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
    "≤ 3× floor",
  );

  // 2. Peak memory, each workload in a fresh process.
  const child = async (mode: string) =>
    JSON.parse((await run(process.execPath, [path.join(import.meta.dirname, "memoryChild.ts"), mode, bigRoot])).stdout).maxRssKb as number;
  const rssFloor = await child("floor");
  const rssData = await child("data");
  report("peak memory, byte-loop floor process", `${(rssFloor / 1024).toFixed(0)} MB`, "baseline");
  report("peak memory, build data work process", `${(rssData / 1024).toFixed(0)} MB = ${ratio(rssData, rssFloor)}`, "reported");

  // 3. Page bytes: 1,000 vs 100,000 steps, and vs every point inlined DVC-style.
  const pageBytes = async (steps: number) => {
    const root = path.join(work, `steps-${steps}`);
    await writeSyntheticRuns(root, { project: "p", runs: 10, steps, metrics: 1 });
    await writeReport(root, "one", [{ y: metricName(0) }]);
    const { html } = await runDataWork(root);
    return { root, html: html.get("one")! };
  };
  const small = await pageBytes(1_000);
  const large = await pageBytes(100_000);
  const bundle = await measureChartBundle();
  // The page itself: HTML with the static SVG and the shipped points. Its chart code is not
  // per-page: one file set shared by every chart page, cached (reported under 5).
  const page1k = gz(small.html);
  const page100k = gz(large.html);
  // What DVC's plots HTML does: every point as a record inlined in the page.
  const dvcRecords: { step: number; run: string; "train/loss": number }[] = [];
  for (let r = 0; r < 10; r++) for (let s = 0; s < 100_000; s++) dvcRecords.push({ step: s, run: `run-${r}`, "train/loss": Math.round(1e6 * Math.pow(s + 10, -0.3)) / 1e6 });
  const dvc = gz(JSON.stringify(dvcRecords));
  report("report page (HTML + SVG + data, gz), 10 runs × 1,000 steps", kb(page1k), "baseline");
  report("same page, 10 runs × 100,000 steps", `${kb(page100k)} = ${ratio(page100k, page1k)}`, "≤ 1.1×");
  report("DVC-style inlined points at 100,000 steps (gz)", `${kb(dvc)} = ${ratio(dvc, page100k)} ours`, "≥ 100× ours");

  // 4. Build-time SVG of one chart of 10 runs.
  const svg = large.html.match(/<svg[\s\S]*?<\/svg>/)![0];
  report("build-time SVG, 10 runs × 100,000 steps (gz)", kb(gz(svg)), "≤ 30 KB");

  // 5. Chart JavaScript.
  report("chart JS a page of line charts loads (no vega, gz)", kb(bundle.lineGz), "≤ 200 KB");
  report("chart JS with the vega kinds too (all chunks, gz)", kb(bundle.totalGz), "≤ 200 KB");
  report("chart JS entry on every chart page (gz)", kb(bundle.entryGz), "reported");

  // 6. Import throughput: a 1,000,000-row Lightning CSV against a plain read of the same file.
  const csv = path.join(work, "metrics.csv");
  const importRows = quick ? 200_000 : 1_000_000;
  await writeLightningCsv(csv, importRows);
  const csvMb = (await stat(csv)).size / 1e6;
  const readMs = await median(3, () => plainRead(csv));
  const imported = await importOnce(csv);
  if (imported.rows !== importRows) throw new Error(`import kept ${imported.rows} of ${importRows} rows`);
  const importMs = await median(3, () => importOnce(csv));
  report(`plain read of a ${importRows.toLocaleString("en")}-row Lightning CSV (${csvMb.toFixed(0)} MB)`, `${ms(readMs)} (${(csvMb / (readMs / 1000)).toFixed(0)} MB/s)`, "baseline");
  report("runfolio import of the same file (parse, convert, write text)", `${ms(importMs)} (${(csvMb / (importMs / 1000)).toFixed(0)} MB/s) = ${ratio(importMs, readMs)}`, "reported");
  const childRss = async (mode: string, arg: string) =>
    JSON.parse((await run(process.execPath, [path.join(import.meta.dirname, "memoryChild.ts"), mode, arg])).stdout).maxRssKb as number;
  const rssRead = await childRss("read", csv);
  const rssImport = await childRss("import", csv);
  report("peak memory, plain read / import", `${(rssRead / 1024).toFixed(0)} MB / ${(rssImport / 1024).toFixed(0)} MB = ${ratio(rssImport, rssRead)}`, "reported");

  // formats: history.csv.gz, history.jsonl.gz, history.parquet against history.csv.
  await formatsSection(work, report, quick);
  await formatsAtScale(work, report, quick, async (root) => JSON.parse((await run(process.execPath, [path.join(import.meta.dirname, "formatsChild.ts"), root])).stdout) as ChildResult);

  // 7. Chromium: 20-chart report.
  const browser = await measureBrowser(work);
  if (browser) {
    report("first visible chart answers hover (static chart), after load", ms(browser.firstHoverAfterLoad), "reported");
    report("first visible chart fully interactive (live view), after load", ms(browser.firstInteractiveAfterLoad), "< 500 ms");
    report(
      "the same, from the start of navigation (load event at)",
      `${ms(browser.firstInteractiveFromStart)} (${ms(browser.loadFromStart)})`,
      "reported",
    );
    report("main-thread busy time during load (no scrolling)", ms(browser.mainThreadMs), "reported");
    report("charts hydrated without scrolling (of 20)", String(browser.hydratedWithoutScroll), "only those near view");
    report("hydrating all 20 by scrolling through, total", ms(browser.allHydratedMs), "reported");
  } else {
    report("Chromium measurements", "skipped: /usr/bin/chromium not found", "");
  }

  // 8. A runs table of 2,000 runs in Chromium: filter and sort latency (the table pages 100 rows).
  const table = await measureTableFilter(work);
  if (table) {
    report(`runs table of ${table.rows.toLocaleString("en")} runs: expression filter`, ms(table.expressionMs), "reported");
    report("same table: text filter", ms(table.textMs), "reported");
    report("same table: sort by a header", ms(table.sortMs), "reported");
  }

  // 8b. Pages at scale: /runs/ over a 10,000-run index against the example's 27, and a runs table of 10,000 rows.
  if (table) await pagesAtScale(table);

  // 8c. A joined `table` block: paging, sorting and filtering 100,000 rows.
  await tablesSection();
  // 8d. Media: a 500-image media block, page weight before scrolling and build time against no media.
  await mediaSection();

  // 8e. Run preview cards: line-by-line drawing and indexed PNGs against resvg drawing each card whole.
  cardsSection(report, quick);

  // 9. Scale: whole generated projects built with astro build, cold and again.
  await scaleSection(work, process.env.BENCH_SCALE, report);
} finally {
  await rm(work, { recursive: true, force: true });
}
