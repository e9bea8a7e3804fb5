import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { parseReport } from "../src/core/report/parseReport.ts";
import type { Run } from "../src/core/run.ts";
import { makeRun } from "../tests/helpers/testRuns.ts";
import { mulberry32 } from "../src/core/stats/random.ts";
import { compileReport } from "../src/core/report/compileReport.ts";
import { benchSession, longestTask, median } from "./benchBrowser.ts";

export interface TableFilterFigures {
  rows: number;
  expressionMs: number;
  textMs: number;
  sortMs: number;
  /** Navigation start → the table script marked the table ready. */
  readyMs: number;
  /** The longest main-thread task from navigation to the end of the measurements. */
  longestTaskMs: number;
}

/**
 * A `runs` table of 2,000 runs rendered by the real pipeline, with the real table script, in
 * Chromium: how long one expression filter, one text filter and one header sort take (median of 5).
 */
export async function measureTableFilter(work: string, count = 2000, opts: { inline?: boolean } = {}): Promise<TableFilterFigures | null> {
  const rand = mulberry32(11);
  const runs: Run[] = Array.from({ length: count }, (_, i) =>
    makeRun(`big/run-${String(i).padStart(4, "0")}`, {
      group: `g${i % 20}`,
      tags: i % 3 ? ["sweep"] : ["baseline"],
      config: { optimizer: { lr: [1e-4, 3e-4, 1e-3, 3e-3][i % 4], name: i % 2 ? "adamw" : "sgd" }, seed: i % 5 },
      summary: { "val/loss": 2 + rand(), "val/acc": rand() },
    }),
  );
  const report = parseReport(
    "reports/big.md",
    "---\ntitle: Big\n---\n\n```runs\ncolumns: [name, group, config.optimizer.lr, config.optimizer.name, config.seed, summary.val/loss, summary.val/acc]\nsort: summary.val/loss\n```\n",
  );
  // As the site publishes it: the rows after the first page in a data file (`inline`: every row in the page, as the export has it).
  const files = new Map<string, string>();
  const dataFile = (text: string) => {
    const url = `/data/blocks/rows-${files.size + 1}.json`;
    files.set(url, text);
    return url;
  };
  const out = await compileReport(report, { runs, readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: true, ...(opts.inline ? {} : { dataFile }) });
  const dir = path.join(work, "table-bench");
  await mkdir(path.join(dir, "data/blocks"), { recursive: true });
  for (const [url, text] of files) await writeFile(path.join(dir, url), text);
  await build({ entryPoints: [path.join(import.meta.dirname, "../src/client/runsTable.ts")], bundle: true, format: "esm", outfile: path.join(dir, "table.js"), logLevel: "silent" });
  await writeFile(path.join(dir, "index.html"), `<!doctype html><meta charset="utf-8"><body>${out.html}<script type="module" src="table.js"></script></body>`);

  const session = await benchSession(dir);
  if (!session) return null;
  const { page, url } = session;
  try {
    await page.goto(`${url}/`);
    await page.waitForSelector('[data-runfolio-table][data-ready="true"]');
    const readyMs = await page.evaluate(() => performance.now());
    const timed = (selector: string, value: string) =>
      page.locator(selector).evaluate((el, v) => {
        const input = el as HTMLInputElement;
        const t0 = performance.now();
        input.value = v;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        return performance.now() - t0;
      }, value);
    const expr: number[] = [];
    const text: number[] = [];
    const sort: number[] = [];
    for (let i = 0; i < 5; i++) {
      expr.push(await timed(".rf-filter-expr", `config.optimizer.lr >= 1e-3 and config.seed != ${i}`));
      await timed(".rf-filter-expr", "");
      text.push(await timed(".rf-filter-text", `run-0${i}`));
      await timed(".rf-filter-text", "");
      sort.push(
        await page.locator('th[data-key="summary.val/acc"] button').evaluate((b) => {
          const t0 = performance.now();
          (b as HTMLButtonElement).click();
          return performance.now() - t0;
        }),
      );
    }
    await page.waitForTimeout(200);
    const longestTaskMs = await longestTask(page);
    return { rows: count, expressionMs: median(expr), textMs: median(text), sortMs: median(sort), readyMs, longestTaskMs };
  } finally {
    await session.close();
  }
}
