import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatExpressionError, parseExpression, parseFieldPath, selectRuns, sortRuns, type FieldPath } from "../../src/core/query/index.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import { compileReport } from "../../src/core/report/compileReport.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * The `runs` table in the browser: header sorting (shift-click adds a key), the text and
 * expression filters (same core module and error text as the build), and paging of a generated
 * 2,000-run table.
 */
const path_ = (s: string): FieldPath => {
  const p = parseFieldPath(s);
  if (!p.ok) throw new Error(p.error.message);
  return p.path;
};

async function rowIds(page: Page, table: string): Promise<string[]> {
  return page.locator(`${table} tbody tr[data-run]`).evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-run")!));
}

/** Set an input's value and fire `input` (latencies are measured by `npm run bench`, not here). */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = v;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, value);
}

describe.runIf(chromiumAvailable())("runs tables in Chromium", () => {
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
  });

  describe("the lr-sweep report's table", () => {
    let server: StaticServer;
    let sweep: Run[];
    const T = "[data-runfolio-table]";

    beforeAll(async () => {
      server = await serveStatic(exampleOut);
      const expr = parseExpression('project = "nanogpt"');
      if (!expr.ok) throw new Error("bad expression");
      sweep = selectRuns((await loadAllRuns(repoRoot)).runs, expr.expr);
      await page.goto(`${server.url}/reports/lr-sweep/`);
      await page.waitForSelector(`${T}[data-ready="true"]`);
    });

    afterAll(async () => {
      await server?.close();
    });

    const header = (key: string) => page.locator(`${T} thead th[data-key="${key}"]`);

    it("shows the filter boxes and every run, in the declared order", async () => {
      await expect.poll(() => page.locator(`${T} .rf-table-tools`).isVisible()).toBe(true);
      const ids = await rowIds(page, T);
      expect(ids).toEqual(sortRuns(sweep, [{ path: path_("summary.best/val_loss"), descending: false }]).map((r) => r.id));
      expect(await header("summary.best/val_loss").getAttribute("aria-sort")).toBe("ascending");
    });

    it("sorts by a clicked header, then reverses it; gaps stay last", async () => {
      await header("summary.train/loss").locator("button").click();
      const key = path_("summary.train/loss");
      expect(await rowIds(page, T)).toEqual(sortRuns(sweep, [{ path: key, descending: false }]).map((r) => r.id));
      expect(await header("summary.train/loss").getAttribute("aria-sort")).toBe("ascending");
      expect(await header("summary.best/val_loss").getAttribute("aria-sort")).toBeNull();
      // Keyboard: the header button takes focus and Enter reverses the order.
      await header("summary.train/loss").locator("button").focus();
      await page.keyboard.press("Enter");
      const descending = sortRuns(sweep, [{ path: key, descending: true }]).map((r) => r.id);
      expect(await rowIds(page, T)).toEqual(descending);
      expect(await header("summary.train/loss").getAttribute("aria-sort")).toBe("descending");
      // The crashed run's NaN loss is a gap: last in both directions.
      const gaps = sweep.filter((r) => r.summary["train/loss"] === null || r.summary["train/loss"] === undefined).map((r) => r.id);
      expect(gaps.length).toBeGreaterThan(0);
      expect(descending.slice(-gaps.length).sort()).toEqual(gaps.sort());
    });

    it("adds a secondary key with shift-click", async () => {
      await header("config.seed").locator("button").click();
      await header("config.optimizer.lr").locator("button").click({ modifiers: ["Shift"] });
      const expected = sortRuns(sweep, [
        { path: path_("config.seed"), descending: false },
        { path: path_("config.optimizer.lr"), descending: false },
      ]).map((r) => r.id);
      expect(await rowIds(page, T)).toEqual(expected);
      expect(await header("config.seed").getAttribute("aria-sort")).toBe("ascending");
      expect(await header("config.optimizer.lr").getAttribute("data-sort-rank")).toBe("2");
      // Shift-click again flips the secondary key only.
      await header("config.optimizer.lr").locator("button").click({ modifiers: ["Shift"] });
      expect(await rowIds(page, T)).toEqual(
        sortRuns(sweep, [
          { path: path_("config.seed"), descending: false },
          { path: path_("config.optimizer.lr"), descending: true },
        ]).map((r) => r.id),
      );
    });

    it("filters by text over the visible cells", async () => {
      await typeInto(page, `${T} .rf-filter-text`, "SEED2");
      const ids = await rowIds(page, T);
      expect(ids.sort()).toEqual(sweep.filter((r) => r.name.includes("seed2")).map((r) => r.id).sort());
      expect(ids.length).toBeGreaterThan(0);
      await typeInto(page, `${T} .rf-filter-text`, "");
      expect((await rowIds(page, T)).length).toBe(sweep.length);
    });

    it("filters by an expression with the core evaluator", async () => {
      const source = "config.optimizer.lr >= 1e-3";
      await typeInto(page, `${T} .rf-filter-expr`, source);
      const parsed = parseExpression(source);
      if (!parsed.ok) throw new Error("bad expression");
      const expected = selectRuns(sweep, parsed.expr).map((r) => r.id).sort();
      expect(expected.length).toBe(6);
      expect((await rowIds(page, T)).sort()).toEqual(expected);
      expect(await page.locator(`${T} .rf-table-status`).innerText()).toBe(`6 runs match (${sweep.length} in the table).`);
    });

    it("shows a bad expression's error, positioned, under the box", async () => {
      const source = "config.lr >>";
      await typeInto(page, `${T} .rf-filter-expr`, source);
      const error = page.locator(`${T} .rf-filter-error`);
      await expect.poll(() => error.isVisible()).toBe(true);
      const parsed = parseExpression(source);
      if (parsed.ok) throw new Error("expected a parse error");
      expect(await error.textContent()).toBe(formatExpressionError(source, parsed.error));
      expect(await error.textContent()).toMatch(/^EXPR\d{3}: .*\n.*\n\s+\^/);
      expect(await page.locator(`${T} .rf-filter-expr`).getAttribute("aria-invalid")).toBe("true");
      await typeInto(page, `${T} .rf-filter-expr`, "");
      expect(await error.isVisible()).toBe(false);
      expect((await rowIds(page, T)).length).toBe(sweep.length);
      await page.screenshot({ path: path.join(repoRoot, "test-artifacts/screenshots/runs-table-lr-sweep.png"), fullPage: true });
      expect(consoleErrors).toEqual([]);
    });

    it("keeps sort and filters in the URL, and a reload shows the same rows", async () => {
      await header("summary.train/loss").locator("button").click();
      await typeInto(page, `${T} .rf-filter-expr`, "config.optimizer.lr >= 1e-3");
      await typeInto(page, `${T} .rf-filter-text`, "seed");
      const before = await rowIds(page, T);
      expect(before.length).toBeGreaterThan(0);
      const id = await page.locator(T).getAttribute("id");
      expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`${id}=o`);
      await page.reload();
      await page.waitForSelector(`${T}[data-ready="true"]`);
      expect(await rowIds(page, T)).toEqual(before);
      expect(await page.locator(`${T} .rf-filter-expr`).inputValue()).toBe("config.optimizer.lr >= 1e-3");
      expect(await page.locator(`${T} .rf-filter-text`).inputValue()).toBe("seed");
      expect(await header("summary.train/loss").getAttribute("aria-sort")).not.toBeNull();
      // Clearing everything leaves no entry behind.
      await typeInto(page, `${T} .rf-filter-expr`, "");
      await typeInto(page, `${T} .rf-filter-text`, "");
      expect(consoleErrors).toEqual([]);
    });
  });

  /**
   * Paging and filtering at 2,000 rows, without building a 2,000-run site: the table is rendered
   * by the real report pipeline from runs loaded by the real loader, and the page loads the
   * example build's own table script and stylesheets (no copy of the client code).
   */
  describe("a generated 2,000-run table", () => {
    const dataDir = path.join(repoRoot, "test-artifacts/runs-table-2000-data");
    const outDir = path.join(repoRoot, "test-artifacts/runs-table-2000");
    const LRS = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2];
    const N = 2000;
    let server: StaticServer;
    const dataFiles: string[] = [];
    let firstPageIds: string[] = [];

    beforeAll(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await mkdir(path.join(dataDir, "runs/big"), { recursive: true });
      const lines = ["id,name,group,tags,state,created,duration,config.optimizer.lr,config.seed,summary.val/loss,summary.val/acc"];
      for (let i = 0; i < N; i++) {
        const lr = LRS[i % LRS.length]!;
        const loss = i % 97 === 0 ? "" : (2 + ((i * 7919) % 1000) / 1000).toFixed(4);
        const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
        lines.push(`run-${i},run-${i},lr=${lr},sweep,finished,${created},${600 + i},${lr},${i % 7},${loss},${(0.5 + (i % 400) / 1000).toFixed(3)}`);
      }
      await writeFile(path.join(dataDir, "runs/big/runs.csv"), lines.join("\n") + "\n");
      const loaded = await loadAllRuns(dataDir);
      if (loaded.diagnostics.length) throw new Error(loaded.diagnostics.map((d) => d.message).join("\n"));
      expect(loaded.runs.length).toBe(N);
      const report = parseReport(
        "reports/big.md",
        [
          "---",
          "title: Two thousand runs",
          "---",
          "",
          "```runs",
          'runs: project = "big"',
          "columns: [name, state, lr: config.optimizer.lr, config.seed, summary.val/loss, { field: summary.val/acc, format: percent }, { field: created, format: relative }]",
          "sort: summary.val/loss",
          "highlight: { min: summary.val/loss }",
          "```",
          "",
        ].join("\n"),
      );
      const rendered = await compileReport(report, {
        runs: loaded.runs,
        readHistory: () => Promise.reject(new Error("a runs table without sparklines reads no history")),
        colors: new Map(),
        hrefForRun: (id) => `/runs/${id}/`,
        render: true,
        // As the site publishes it: the rows after the first page in a data file.
        dataFile: (text) => {
          dataFiles.push(text);
          return `/data/blocks/rows-${dataFiles.length}.json`;
        },
      });
      if (rendered.diagnostics.length) throw new Error(rendered.diagnostics.map((d) => d.message).join("\n"));

      // The built table script and stylesheets, as a report page with a runs table loads them.
      const lrSweep = await readFile(path.join(exampleOut, "reports/lr-sweep/index.html"), "utf8");
      const scripts = lrSweep.match(/<script type="module" src="\/_astro\/TableScript[^"]*"><\/script>/g) ?? [];
      const styles = lrSweep.match(/<link rel="stylesheet" href="\/_astro\/[^"]*">/g) ?? [];
      expect(scripts.length, "the lr-sweep page loads the built table script").toBe(1);
      expect(styles.length).toBeGreaterThan(0);
      await rm(outDir, { recursive: true, force: true });
      await mkdir(path.join(outDir, "reports/big"), { recursive: true });
      await symlink(path.join(exampleOut, "_astro"), path.join(outDir, "_astro"), "dir");
      await writeFile(
        path.join(outDir, "reports/big/index.html"),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two thousand runs</title><link rel="icon" href="data:,">${styles.join("")}${scripts.join("")}</head><body><main>${rendered.html}</main></body></html>`,
      );
      await mkdir(path.join(outDir, "data/blocks"), { recursive: true });
      for (const [i, text] of dataFiles.entries()) await writeFile(path.join(outDir, `data/blocks/rows-${i + 1}.json`), text);
      // Only the first page is HTML and in the payload; the script draws the other rows from the data file.
      expect(dataFiles.length).toBe(1);
      expect(rendered.html.match(/<tr data-run=/g)?.length).toBe(100);
      const [, file, json] = /class="rf-table-data" data-file="([^"]*)">([^<]*)</.exec(rendered.html)!;
      const payload = JSON.parse(json!) as { runs: unknown[]; more: { runs: number } };
      expect(file).toBe("/data/blocks/rows-1.json");
      expect(payload.runs.length).toBe(100);
      firstPageIds = [...rendered.html.matchAll(/<tr data-run="([^"]*)"/g)].map((m) => m[1]!);
      expect(payload.more).toEqual({ runs: N - 100 });
      expect(rendered.html).toContain(`100 of ${N.toLocaleString("en")} runs; the others show with JavaScript.`);
      server = await serveStatic(outDir);
    });

    afterAll(async () => {
      await server?.close();
    });

    it("pages 100 rows at a time and filters with the right count", async () => {
      consoleErrors.length = 0;
      await page.goto(`${server.url}/reports/big/`);
      const T = "[data-runfolio-table]";
      await expect.poll(() => page.locator(T).getAttribute("data-ready")).toBe("true");
      expect((await rowIds(page, T)).length).toBe(100);
      expect(await page.locator(`${T} .rf-table-status`).innerText()).toBe(`Runs 1–100 of ${N}.`);
      await page.locator(`${T} .rf-page-next`).click();
      expect(await page.locator(`${T} .rf-page-info`).innerText()).toBe("Page 2 of 20");
      expect(await page.locator(`${T} .rf-table-status`).innerText()).toBe(`Runs 101–200 of ${N}.`);
      expect(await page.locator(`${T} .rf-table-more`).count()).toBe(0);
      // A row the script drew reads as the build's rows do: linked name, state colour, numbers, full text in titles.
      const drawn = page.locator(`${T} tbody tr[data-run]`).first();
      const id = (await drawn.getAttribute("data-run"))!;
      expect(await drawn.locator('th[scope="row"] a').getAttribute("href")).toBe(`/runs/${id}/`);
      expect(await drawn.locator("td").count()).toBe(6);
      expect(await drawn.locator("td.state").getAttribute("class")).toMatch(/^state state-\w+$/);
      const keys = await page.locator(`${T} thead th`).evaluateAll((ths) => ths.map((th) => th.getAttribute("data-key")));
      expect(await drawn.locator("th, td").nth(keys.indexOf("config.optimizer.lr")).getAttribute("class")).toBe("num");
      expect(await drawn.locator("th, td").nth(keys.indexOf("created")).getAttribute("title")).toMatch(/^\d{4}-/);

      const source = "config.optimizer.lr >= 1e-3";
      const expected = Array.from({ length: N }, (_, i) => LRS[i % LRS.length]!).filter((lr) => lr >= 1e-3).length;
      await typeInto(page, `${T} .rf-filter-expr`, source);
      expect(await page.locator(`${T} .rf-table-status`).innerText()).toBe(`Runs 1–100 of ${expected} match (${N} in the table).`);

      await typeInto(page, `${T} .rf-filter-text`, "run-19");
      // run-19, run-190…199, run-1900…1999, of which lr >= 1e-3 keeps 3 in 5.
      const names = Array.from({ length: N }, (_, i) => i).filter((i) => `run-${i}`.includes("run-19") && LRS[i % LRS.length]! >= 1e-3);
      const status = await page.locator(`${T} .rf-table-status`).innerText();
      expect(status).toMatch(new RegExp(`of ${names.length} match|^${names.length} runs match`));

      await page.locator(`${T} thead th[data-key="config.seed"] button`).evaluate((b) => (b as HTMLButtonElement).click());
      expect(consoleErrors).toEqual([]);
    });

    it("sorts and filters across every row, those from the data file included", async () => {
      consoleErrors.length = 0;
      await page.goto(`${server.url}/reports/big/`);
      const T = "[data-runfolio-table]";
      await expect.poll(() => page.locator(T).getAttribute("data-ready")).toBe("true");
      // The declared sort is ascending val/loss: a click on its header turns it descending.
      await page.locator(`${T} thead th[data-key="summary.val/loss"] button`).click();
      const losses = Array.from({ length: N }, (_, i) => (i % 97 === 0 ? null : 2 + ((i * 7919) % 1000) / 1000));
      const worst = Math.max(...losses.filter((l): l is number => l !== null));
      const worstNames = losses.flatMap((l, i) => (l === worst ? [`run-${i}`] : []));
      const first = (await rowIds(page, T))[0]!;
      expect(worstNames).toContain(first.split("/").at(-1));
      // Last in the build's order (ascending loss): its data came from the file, not the page.
      expect(firstPageIds).not.toContain(first);
      await typeInto(page, `${T} .rf-filter-text`, "run-1999");
      expect((await rowIds(page, T)).map((id) => id.split("/").at(-1))).toEqual(["run-1999"]);
      expect(consoleErrors).toEqual([]);
    });
  });
});
