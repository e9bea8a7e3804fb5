import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRowsFile, ROWS_FILE_FORMAT, type RowsFile } from "../../src/core/runTables/rowsFile.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild } from "../helpers/sharedBuild.ts";
import { EXAMPLES, label, scoreB, wrongA, wrongB, writeTableSite } from "../helpers/tableSite.ts";

/**
 * Per-example tables on a built site: a report joining two models' 600 predictions (rows in a
 * file of their own, image cells, disagreements counted and highlighted) and run pages' tables;
 * then, in Chromium, the disagreement count, "only disagreements", sorting, filtering and paging.
 * Every expected value comes from the fixture's rules (tests/helpers/tableSite.ts).
 */
const dataDir = path.join(repoRoot, "test-artifacts/table-site");
const ids = Array.from({ length: EXAMPLES }, (_, i) => i);
const disagree = ids.filter((i) => wrongA(i) !== wrongB(i));

describe("per-example tables", () => {
  let out: string;
  let report: string;

  beforeAll(async () => {
    await writeTableSite(dataDir);
    const result = await sharedBuild(dataDir);
    if (result.code !== 0) throw new Error(`building the table site failed:\n${result.output}`);
    out = result.outDir;
    report = readFileSync(path.join(out, "reports/errors/index.html"), "utf8");
  }, 300_000);

  it("render a joined table's first page as HTML, its rows in a file of their own", () => {
    const block = /<div class="rf-rows" id="rows-1" data-runfolio-rows data-rows-src="([^"]+)">/.exec(report);
    expect(block).not.toBeNull();
    const file = JSON.parse(readFileSync(path.join(out, block![1]!), "utf8")) as RowsFile;
    // Stored by column: labels and predictions once each in the dictionary, ids and scores as numbers.
    expect(file.format).toBe(ROWS_FILE_FORMAT);
    expect(file.data.map((c) => ("numbers" in c ? "numbers" : "cells"))).toEqual(["numbers", "cells", "cells", "cells", "cells", "numbers", "numbers"]);
    expect(file.dictionary.filter((c) => typeof c === "string").sort()).toEqual([...new Set(ids.map(label))].sort());
    const rows = decodeRowsFile(file);
    expect(rows.rows.length).toBe(EXAMPLES);
    expect(rows.rows.map((r) => r[0])).toEqual(ids);
    expect(rows.rows.map((r) => r[2])).toEqual(ids.map(label));
    expect(rows.columns.map((c) => `${c.key}${c.run === null ? "" : `@${c.run}`}`)).toEqual(["id", "image", "label", "pred@0", "pred@1", "score@0", "score@1"]);
    expect(report).not.toContain('class="rf-rows-data"');
    const body = /<tbody>(.*?)<\/tbody>/s.exec(report)![1]!;
    expect(body.match(/<tr>/g)!.length).toBe(10);
    const firstPageDisagree = disagree.filter((i) => i < 10).length;
    expect(body.match(/rf-rows-differs/g)!.length).toBe(2 * firstPageDisagree);
    expect(report).toContain(`${EXAMPLES} rows · ${disagree.length} where the runs disagree`);
    expect(report).toContain("Rows 1–10 of 600");
  });

  it("show image cells as thumbnails of files published with the site", () => {
    const src = /<img class="rf-rows-thumb" src="([^"]+)" alt="media\/preds\/0.png"/.exec(report)![1]!;
    expect(src).toBe("/data/table-media/runs/eval/model-a/media/preds/0.png");
    expect(readFileSync(path.join(out, src)).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  it("list a run's tables on its page, at the last step, CSV text kept as written", () => {
    const page = readFileSync(path.join(out, "runs/eval/model-a/index.html"), "utf8");
    expect(page).toContain('<h2 id="tables">Tables</h2>');
    expect(page).toMatch(/<h3 id="table-preds-title">preds<span class="muted"> · step 1<\/span><\/h3>/);
    expect(page).toContain("<td>007</td>");
    expect(page).toContain("<td>blurry, dark</td>");
    expect(page).toContain("<td>∞</td>");
    // The last step's predictions (model-a is right on example 1), not step 0's.
    expect(page).toContain('<tr><td class="num">1</td><td>dog</td><td>dog</td>');
    expect(existsSync(path.join(out, "data/tables/runs/eval/model-a/preds.json"))).toBe(true);
  });

  describe.runIf(chromiumAvailable())("in Chromium", () => {
    let server: StaticServer;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    const workers: string[] = [];
    let rowsFetched: Promise<unknown>;
    const R = "#rows-1";
    const statusText = () => page.locator(`${R} .rf-rows-status`).textContent();
    const pageText = () => page.locator(`${R} .rf-rows-page-info`).textContent();
    const column = (k: number) => page.locator(`${R} tbody tr`).evaluateAll((trs, k) => trs.map((tr) => (tr as HTMLTableRowElement).cells[k]!.textContent!), k);

    beforeAll(async () => {
      server = await serveStatic(out);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("worker", (w) => workers.push(w.url()));
      rowsFetched = page.waitForResponse((r) => r.url().includes("/data/tables/reports/"), { timeout: 60_000 });
      await page.goto(`${server.url}/reports/errors/`);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("fetches the rows file before the first interaction, leaving the static status as it is", async () => {
      await rowsFetched;
      expect(await statusText()).toBe(`600 rows · ${disagree.length} where the runs disagree`);
      // Read off the main thread, by the worker the site publishes beside the page script.
      expect(workers.some((url) => /\/_astro\/rowsFileWorker[^/]*\.js$/.test(url))).toBe(true);
    });

    it("counts disagreements and shows only them on request", async () => {
      expect(await statusText()).toBe(`600 rows · ${disagree.length} where the runs disagree`);
      await page.locator(`${R} .rf-rows-only`).check();
      await expect.poll(pageText, { timeout: 30_000 }).toBe(`Rows 1–10 of ${disagree.length}`);
      expect(await statusText()).toBe(`${disagree.length} of 600 rows · ${disagree.length} where the runs disagree`);
      expect((await column(0)).map(Number)).toEqual(disagree.slice(0, 10));
    });

    it("sorts by a run's column, descending on the second click", async () => {
      const header = page.locator(`${R} th button`, { hasText: "model-b" }).filter({ hasText: "score" });
      await header.click();
      await header.click();
      await expect.poll(() => page.locator(`${R} th[aria-sort="descending"]`).count()).toBe(1);
      const expected = [...disagree].filter((i) => i !== 3).sort((a, b) => scoreB(b) - scoreB(a) || a - b).slice(0, 10);
      expect((await column(0)).map(Number)).toEqual(expected);
    });

    it("filters with the expression language, reporting errors in place", async () => {
      const box = page.locator(`${R} .rf-rows-filter`);
      await box.fill('labl = "cat"');
      await expect.poll(() => page.locator(`${R} .rf-rows-error`).textContent()).toContain("EXPR026: the table has no column `labl`");
      expect(await page.locator(`${R} .rf-rows-error`).textContent()).toContain("did you mean `label`?");
      await box.fill('label = "cat"');
      const cats = disagree.filter((i) => label(i) === "cat");
      await expect.poll(statusText).toBe(`${cats.length} of 600 rows · ${disagree.length} where the runs disagree`);
      expect(await page.locator(`${R} .rf-rows-error`).isHidden()).toBe(true);
    });

    it("pages through the rows", async () => {
      await page.locator(`${R} .rf-rows-only`).uncheck();
      await page.locator(`${R} .rf-rows-filter`).fill("");
      const header = page.locator(`${R} th button`, { hasText: "model-b" }).filter({ hasText: "score" });
      await header.click();
      await expect.poll(() => page.locator(`${R} th[aria-sort]`).count()).toBe(0);
      await expect.poll(pageText).toBe("Rows 1–10 of 600");
      await page.locator(`${R} .rf-rows-next`).click();
      await expect.poll(pageText).toBe("Rows 11–20 of 600");
      expect((await column(0)).map(Number)).toEqual(ids.slice(10, 20));
      await page.locator(`${R} .rf-rows-prev`).click();
      await expect.poll(pageText).toBe("Rows 1–10 of 600");
      expect(errors).toEqual([]);
    });

    it("reads the rows itself where the worker cannot start, and sorts and filters the same", async () => {
      const fallback = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      try {
        await fallback.route(/rowsFileWorker[^/]*\.js$/, (route) => route.abort());
        await fallback.goto(`${server.url}/reports/errors/`);
        await fallback.locator(`${R} th button`, { hasText: "model-b" }).filter({ hasText: "score" }).click();
        await expect.poll(() => fallback.locator(`${R} th[aria-sort="ascending"]`).count()).toBe(1);
        const first = () => fallback.locator(`${R} tbody tr`).evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLTableRowElement).cells[0]!.textContent)));
        const ascending = ids.filter((i) => i !== 3).sort((a, b) => scoreB(a) - scoreB(b) || a - b).slice(0, 10);
        await expect.poll(first).toEqual(ascending);
        await fallback.locator(`${R} .rf-rows-filter`).fill('label = "dog"');
        await expect.poll(() => fallback.locator(`${R} .rf-rows-status`).textContent()).toBe(`${ids.filter((i) => label(i) === "dog").length} of 600 rows · ${disagree.length} where the runs disagree`);
      } finally {
        await fallback.close();
      }
    });
  });
});
