import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import type { TableCell, TableData } from "../src/core/run.ts";
import { joinRows } from "../src/core/runTables/joinRows.ts";
import { encodeRowsFile } from "../src/core/runTables/rowsFile.ts";
import type { RowsPayload } from "../src/core/runTables/rowsPayload.ts";
import { renderRowsTable } from "../src/core/runTables/renderRowsTable.ts";
import { mulberry32 } from "../src/core/stats/random.ts";
import { benchSession, longestTask, median } from "./benchBrowser.ts";

export interface RowsTableFigures {
  rows: number;
  /** The rows file's bytes as published. */
  fileBytes: number;
  /** First interaction at once after the page is ready: the rest of fetching and reading the rows, then the first sorted page. */
  firstSortMs: number;
  /** First sort by a number column 3 s after the page is ready, the rows read meanwhile in idle time. */
  firstSortLaterMs: number;
  /** Then the first sort by a text column (a run's predictions). */
  firstTextSortMs: number;
  /** Then the first filter. */
  firstFilterMs: number;
  sortMs: number;
  filterMs: number;
  onlyDisagreementsMs: number;
  nextPageMs: number;
  /** Longest main-thread task from navigation until 3 s after the page is ready (the rows read meanwhile). */
  longestLoadTaskMs: number;
  /** The same where the page cannot start the rows worker and reads the file itself. */
  longestLoadTaskNoWorkerMs: number;
  /** Longest main-thread task over a whole session: load, then every interaction above. */
  longestTaskMs: number;
  /** Baselines measured in the same page on the same rows, as row objects. */
  baseline: {
    /** `JSON.parse` of the rows file's text: the task a page that parses the file itself cannot split. */
    parseMs: number;
    /** `Array.prototype.sort` of 100,000 row objects by a number field (a fresh copy each time, median of 5). */
    sortMs: number;
    /** The same by a text field. */
    textSortMs: number;
    /** `Array.prototype.filter` of the row objects with the bench's filter written as a function. */
    filterMs: number;
  };
}

const CLASSES = ["cat", "dog", "bird", "fish", "frog"];

/** Two models' predictions on `rows` examples, joined on `id` as a `table` block joins them. */
function joinedPayload(rows: number): RowsPayload {
  const rand = mulberry32(5);
  const tables: TableData[] = [0, 1].map((m) => ({
    name: "preds",
    file: `runs/bench/m${m}/tables/preds.jsonl`,
    columns: ["id", "label", "pred", "score"],
    rows: Array.from({ length: rows }, (_, i): TableCell[] => {
      const label = CLASSES[i % CLASSES.length]!;
      return [i, label, rand() < 0.1 ? CLASSES[(i + 1 + m) % CLASSES.length]! : label, Number(rand().toFixed(4))];
    }),
    steps: null,
  }));
  const runs = tables.map((table, m) => ({ run: { id: `bench/m${m}`, name: `m${m}`, href: `/runs/bench/m${m}/` }, table, rows: table.rows.map((_, i) => i) }));
  const j = joinRows(runs, { join: "id", columns: ["label", "pred", "score"], compare: null, runColumn: "run", mediaHref: () => "" });
  return { runs: runs.map((r) => r.run), columns: j.columns, rows: j.rows, join: "id", present: j.present, pageSize: 25, onlyDisagreements: false };
}

/** The page script and its rows worker, bundled as the site ships them; a second page whose worker cannot start. */
async function writePages(dir: string, payload: RowsPayload): Promise<void> {
  const client = path.join(import.meta.dirname, "../src/client");
  await build({ entryPoints: { rows: path.join(client, "rowsTable.ts"), rowsFileWorker: path.join(client, "rowsFileWorker.ts") }, bundle: true, format: "esm", outdir: dir, logLevel: "silent" });
  // esbuild leaves `new URL("./rowsFileWorker.ts", import.meta.url)` as written; Vite rewrites it for the site.
  const script = await readFile(path.join(dir, "rows.js"), "utf8");
  if (!script.includes('"./rowsFileWorker.ts"')) throw new Error("the page script no longer names its worker as the bench expects");
  await writeFile(path.join(dir, "rows.js"), script.replace('"./rowsFileWorker.ts"', '"./rowsFileWorker.js"'));
  await writeFile(path.join(dir, "rows-no-worker.js"), script.replace('"./rowsFileWorker.ts"', '"./no-such-worker.js"'));
  const html = renderRowsTable(payload, { id: "rows-1", title: "Predictions", rowsHref: "rows.json", label: "predictions" });
  const page = (script: string) => `<!doctype html><meta charset="utf-8"><body>${html}<script type="module" src="${script}"></script></body>`;
  await writeFile(path.join(dir, "index.html"), page("rows.js"));
  await writeFile(path.join(dir, "no-worker.html"), page("rows-no-worker.js"));
}

/** Runs `act` in the page and waits until the table shows something else: the time to the new page drawn. */
function timed(page: Page, act: string): Promise<number> {
  return page.evaluate(async (act) => {
    const info = document.querySelector(".rf-rows-page-info")!;
    const status = document.querySelector(".rf-rows-status")!;
    const now = () => `${info.textContent}|${status.textContent}|${document.querySelector("tbody")!.innerHTML.length}|${document.querySelector("tbody tr td")?.textContent}`;
    const before = now();
    const t0 = performance.now();
    const [kind, arg] = act.split(/:(.*)/s) as [string, string];
    if (kind === "sort") document.querySelector<HTMLButtonElement>(`button[data-col="${arg}"]`)!.click();
    else if (kind === "next") document.querySelector<HTMLButtonElement>(".rf-rows-next")!.click();
    else if (kind === "only") document.querySelector<HTMLInputElement>(".rf-rows-only")!.click();
    else {
      const box = document.querySelector<HTMLInputElement>(".rf-rows-filter")!;
      box.value = arg;
      box.dispatchEvent(new Event("change"));
    }
    while (now() === before || status.textContent!.startsWith("Loading")) {
      await new Promise((r) => setTimeout(r, 0));
      if (performance.now() - t0 > 30_000) throw new Error(`${act}: nothing changed`);
    }
    return performance.now() - t0;
  }, act);
}

const ready = (page: Page) => page.waitForFunction(() => !document.querySelector<HTMLElement>(".rf-rows-tools")!.hidden);
const filterText = (i: number) => `label != "${CLASSES[i % CLASSES.length]}" and score > 0.0${i + 1}`;

/**
 * A joined `table` block of `rows` examples rendered by the real pipeline, its rows in a file as
 * the site publishes them, with the real page script and its worker in Chromium: each operation
 * from the event to the new page drawn, the longest main-thread tasks, and the same page's plain
 * `JSON.parse`, `Array.prototype.sort` and `filter` over the rows as objects, as baselines.
 */
export async function measureRowsTable(work: string, rows: number): Promise<RowsTableFigures | null> {
  const payload = joinedPayload(rows);
  const dir = path.join(work, `rows-bench-${rows}`);
  await mkdir(dir, { recursive: true });
  const file = JSON.stringify(encodeRowsFile(payload));
  await writeFile(path.join(dir, "rows.json"), file);
  await writePages(dir, payload);
  const column = (key: string, run: number) => payload.columns.findIndex((c) => c.key === key && c.run === run);
  const score0 = column("score", 0);
  const pred0 = column("pred", 0);

  const session = await benchSession(dir);
  if (!session) return null;
  const { page, url } = session;
  try {

    // At once: the first click waits for the rest of the load.
    await page.goto(`${url}/`);
    await ready(page);
    const firstSortMs = await timed(page, `sort:${score0}`);
    const sort: number[] = [];
    const filter: number[] = [];
    const only: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < 5; i++) {
      sort.push(await timed(page, `sort:${score0}`));
      filter.push(await timed(page, `filter:${filterText(i)}`));
      next.push(await timed(page, "next:"));
      only.push(await timed(page, "only:"));
      await timed(page, "only:");
    }
    await page.waitForTimeout(200);
    const longestTaskMs = await longestTask(page);

    // Later: the rows were read in idle time; each first sort is the first over its column.
    await page.goto(`${url}/?later`);
    await ready(page);
    await page.waitForTimeout(3000);
    const longestLoadTaskMs = await longestTask(page);
    const firstSortLaterMs = await timed(page, `sort:${score0}`);
    const firstTextSortMs = await timed(page, `sort:${pred0}`);
    const firstFilterMs = await timed(page, `filter:${filterText(0)}`);
    const baseline = await measureBaselines(page);

    await page.goto(`${url}/no-worker.html`);
    await ready(page);
    await page.waitForTimeout(3000);
    const longestLoadTaskNoWorkerMs = await longestTask(page);
    // The fallback read the rows: the table answers.
    await timed(page, `sort:${score0}`);

    return {
      rows,
      fileBytes: Buffer.byteLength(file),
      firstSortMs,
      firstSortLaterMs,
      firstTextSortMs,
      firstFilterMs,
      sortMs: median(sort),
      filterMs: median(filter),
      onlyDisagreementsMs: median(only),
      nextPageMs: median(next),
      longestLoadTaskMs,
      longestLoadTaskNoWorkerMs,
      longestTaskMs,
      baseline,
    };
  } finally {
    await session.close();
  }
}

/** The plain way, in the same page: parse the file, make row objects, sort and filter them with the built-ins. */
function measureBaselines(page: Page): Promise<RowsTableFigures["baseline"]> {
  return page.evaluate(async (classes) => {
    const text = await (await fetch("rows.json")).text();
    let t0 = performance.now();
    const file = JSON.parse(text) as { rowCount: number; columns: { key: string; run: number | null }[]; dictionary: unknown[]; data: ({ numbers: number[] } | { cells: number[] })[] };
    const parseMs = performance.now() - t0;
    const at = (key: string, run: number | null) => file.data[file.columns.findIndex((c) => c.key === key && c.run === run)]!;
    const values = (c: { numbers: number[] } | { cells: number[] }) => ("numbers" in c ? c.numbers : c.cells.map((k) => file.dictionary[k]));
    const [id, label, pred0, pred1, score0, score1] = [at("id", null), at("label", null), at("pred", 0), at("pred", 1), at("score", 0), at("score", 1)].map(values) as [number[], string[], string[], string[], number[], number[]];
    const rows = id.map((_, i) => ({ id: id[i]!, label: label[i]!, pred0: pred0[i]!, pred1: pred1[i]!, score0: score0[i]!, score1: score1[i]! }));
    type Row = (typeof rows)[number];
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const time = (f: () => unknown) => {
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const copy = rows.slice();
        t0 = performance.now();
        f.call(copy);
        times.push(performance.now() - t0);
      }
      return med(times);
    };
    const sortMs = time(function (this: Row[]) {
      return this.sort((a, b) => a.score0 - b.score0);
    });
    const textSortMs = time(function (this: Row[]) {
      return this.sort((a, b) => (a.pred0 < b.pred0 ? -1 : a.pred0 > b.pred0 ? 1 : 0));
    });
    const filterMs = time(function (this: Row[]) {
      return this.filter((r) => (r.label !== classes[0] && r.score0 > 0.01) || (r.label !== classes[0] && r.score1 > 0.01));
    });
    return { parseMs, sortMs, textSortMs, filterMs };
  }, CLASSES);
}
