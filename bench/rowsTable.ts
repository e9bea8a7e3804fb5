import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import type { TableCell, TableData } from "../src/core/run.ts";
import { joinRows } from "../src/core/runTables/joinRows.ts";
import { encodeRowsFile } from "../src/core/runTables/rowsFile.ts";
import type { RowsPayload } from "../src/core/runTables/rowsPayload.ts";
import { renderRowsTable } from "../src/core/runTables/renderRowsTable.ts";
import { mulberry32 } from "../src/core/stats/random.ts";
import { serveStatic } from "../tests/helpers/serveStatic.ts";

export interface RowsTableFigures {
  rows: number;
  /** The rows file's bytes as published. */
  fileBytes: number;
  /** First interaction at once after the page is ready: the rest of fetching and reading the rows, then the first sorted page. */
  firstSortMs: number;
  /** First interaction 3 s after the page is ready, the rows read meanwhile in idle time. */
  firstSortLaterMs: number;
  sortMs: number;
  filterMs: number;
  onlyDisagreementsMs: number;
  nextPageMs: number;
  longestTaskMs: number;
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

/**
 * A joined `table` block of `rows` examples rendered by the real pipeline, its rows in a file as
 * the site publishes them, with the real page script in Chromium: each operation from the event
 * to the new page drawn (median of 5; the first sort includes fetching and reading the rows).
 */
export async function measureRowsTable(work: string, rows: number): Promise<RowsTableFigures | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  const payload = joinedPayload(rows);
  const dir = path.join(work, `rows-bench-${rows}`);
  await mkdir(dir, { recursive: true });
  await build({ entryPoints: [path.join(import.meta.dirname, "../src/client/rowsTable.ts")], bundle: true, format: "esm", outfile: path.join(dir, "rows.js"), logLevel: "silent" });
  const file = JSON.stringify(encodeRowsFile(payload));
  await writeFile(path.join(dir, "rows.json"), file);
  const html = renderRowsTable(payload, { id: "rows-1", title: "Predictions", rowsHref: "rows.json", label: "predictions" });
  await writeFile(path.join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><body>${html}<script type="module" src="rows.js"></script></body>`);

  const server = await serveStatic(dir);
  const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __longest: number };
      w.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => !document.querySelector<HTMLElement>(".rf-rows-tools")!.hidden);
    /** Runs `act` in the page and waits until the page-info text changes: the new page is drawn. */
    const timed = (act: string) =>
      page.evaluate(async (act) => {
        const info = document.querySelector(".rf-rows-page-info")!;
        const status = document.querySelector(".rf-rows-status")!;
        const before = `${info.textContent}|${status.textContent}|${document.querySelector("tbody")!.innerHTML.length}|${document.querySelector("tbody tr td")?.textContent}`;
        const t0 = performance.now();
        const [kind, arg] = act.split(":") as [string, string];
        if (kind === "sort") document.querySelector<HTMLButtonElement>(`button[data-col="${arg}"]`)!.click();
        else if (kind === "next") document.querySelector<HTMLButtonElement>(".rf-rows-next")!.click();
        else if (kind === "only") document.querySelector<HTMLInputElement>(".rf-rows-only")!.click();
        else {
          const box = document.querySelector<HTMLInputElement>(".rf-rows-filter")!;
          box.value = arg;
          box.dispatchEvent(new Event("change"));
        }
        const now = () => `${info.textContent}|${status.textContent}|${document.querySelector("tbody")!.innerHTML.length}|${document.querySelector("tbody tr td")?.textContent}`;
        while (now() === before || status.textContent!.startsWith("Loading")) {
          await new Promise((r) => setTimeout(r, 0));
          if (performance.now() - t0 > 30_000) throw new Error(`${act}: nothing changed`);
        }
        return performance.now() - t0;
      }, act);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const score0 = payload.columns.findIndex((c) => c.key === "score" && c.run === 0);
    const firstSortMs = await timed(`sort:${score0}`);
    const sort: number[] = [];
    const filter: number[] = [];
    const only: number[] = [];
    const next: number[] = [];
    for (let i = 0; i < 5; i++) {
      sort.push(await timed(`sort:${score0}`));
      filter.push(await timed(`filter:label != "${CLASSES[i]}" and score > 0.0${i + 1}`));
      next.push(await timed("next:"));
      only.push(await timed("only:"));
      await timed("only:");
    }
    await page.waitForTimeout(200);
    const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
    await page.goto(`${server.url}/?again`);
    await page.waitForFunction(() => !document.querySelector<HTMLElement>(".rf-rows-tools")!.hidden);
    await page.waitForTimeout(3000);
    const firstSortLaterMs = await timed(`sort:${score0}`);
    return { rows, fileBytes: Buffer.byteLength(file), firstSortMs, firstSortLaterMs, sortMs: median(sort), filterMs: median(filter), onlyDisagreementsMs: median(only), nextPageMs: median(next), longestTaskMs };
  } finally {
    await browser.close();
    await server.close();
  }
}
