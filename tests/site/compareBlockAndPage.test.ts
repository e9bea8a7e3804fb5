import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCompareState } from "../../src/core/compare/compareState.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

/** The report with a `compare` block in the shipped examples. */
const REPORT = "reports/cifar10-baselines/";

/** What a reader sees in a compare table: header links, then per row its class, key and cell texts. */
function readTable(table: Locator) {
  return table.evaluate((t) => ({
    head: Array.from(t.querySelectorAll("thead th"), (th) => [th.textContent, th.querySelector("a")?.getAttribute("href") ?? null]),
    body: Array.from(t.querySelectorAll("tbody tr"), (tr) => [
      tr.className,
      tr.querySelector("th")?.getAttribute("title") ?? null,
      ...Array.from(tr.querySelectorAll("th, td"), (c) => `${c.className}|${c.textContent}`),
    ]),
  }));
}

describe.runIf(chromiumAvailable())("the compare block and the compare page in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(exampleOut);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(["differing", "all"] as const)("show the same table for the same runs (show: %s)", async (show) => {
    await page.goto(`${server.url}/${REPORT}`);
    const wrap = page.locator('.rf-compare-wrap[id^="compare-"]').first();
    const block = await readTable(wrap.locator("table.rf-compare"));
    const blockNote = await wrap.locator(".rf-table-note").innerText();
    // The block's runs, read back from its run links (`/runs/<encoded id>/`).
    const ids = block.head.slice(1).map(([, href]) => href!.replace(/^\/runs\/|\/$/g, "").split("/").map(decodeURIComponent).join("/"));
    expect(ids.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${server.url}/compare/${formatCompareState({ runs: ids, show: "differing" })}`);
    await page.locator("#rf-compare table.rf-compare").waitFor();
    if (show === "all") {
      // The block in the report shows only differing keys; the page's toggle must agree with the
      // block's count either way, and with show=all list every key the block would.
      await page.getByLabel("Show keys that are the same in every run").check();
    }
    const shown = await readTable(page.locator("#rf-compare table.rf-compare"));
    const pageNote = await page.locator(".rf-compare-toolbar .muted").innerText();
    if (show === "differing") {
      expect(shown).toEqual(block);
      expect(pageNote).toBe(blockNote);
    } else {
      expect(shown.head).toEqual(block.head);
      // Every row the block shows is on the page, word for word; the page adds the equal ones.
      for (const row of block.body) expect(shown.body).toContainEqual(row);
      expect(shown.body.length).toBeGreaterThan(block.body.length);
      expect(pageNote).toBe(blockNote.replace(/; keys with the same value in every run are not shown\.$/, "."));
    }
    expect(errors).toEqual([]);
  });

  it("draws the page's overlaid charts as interactive line charts: hover, legend and zoom", async () => {
    const ids = ["nanogpt/lr-1e-3-seed1", "nanogpt/lr-3e-4-seed1", "nanogpt/lr-3e-3-seed2"];
    await page.goto(`${server.url}/compare/${formatCompareState({ runs: ids, show: "differing" })}`);
    // The page says when its charts are drawn: loading while the histories load, then ready.
    const section = page.locator("section.rf-compare-metrics");
    await expect.poll(() => section.getAttribute("data-state")).toBe("ready");
    expect(await section.getAttribute("aria-busy")).toBe(null);
    const states = await page.locator("figure.rf-compare-chart").evaluateAll((figs) => figs.map((f) => (f as HTMLElement).dataset.hydrated));
    expect(states.length).toBeGreaterThan(2);
    expect(new Set(states)).toEqual(new Set(["true"]));
    const fig = page.locator("figure.rf-compare-chart", { has: page.locator("figcaption", { hasText: /^val\/loss$/ }) });
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.evaluate((el) => el.classList.contains("rf-chart-live"))).toBe(true);
    // hover: the rule and a tooltip naming every run
    const box = (await fig.locator(":scope > svg .rf-hit").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = fig.locator(".rf-chart-tooltip");
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    for (const id of ids) expect(text).toContain(id.split("/")[1]);
    expect(text).toMatch(/^step /);
    // legend: a click shows only that run, a double click all again
    const entries = fig.locator(":scope > .rf-legends .rf-legend-entry");
    expect(await entries.count()).toBe(3);
    await entries.first().click();
    await expect.poll(() => fig.getAttribute("data-visible-series")).toBe("1");
    await entries.first().dblclick();
    await expect.poll(() => fig.getAttribute("data-visible-series")).toBe("3");
    // zoom: a drag narrows the x axis, and reset zoom appears
    const lastLabel = () => fig.locator(":scope > svg .rf-axis-labels text").last().textContent();
    const before = await lastLabel();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect.poll(lastLabel).not.toBe(before);
    const reset = fig.locator(".rf-chart-toolbar button", { hasText: /reset/i });
    expect(await reset.isVisible()).toBe(true);
    await reset.click();
    await expect.poll(lastLabel).toBe(before);
    expect(errors).toEqual([]);
  }, 60_000);
});
