import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { chartPayloadInPage } from "../helpers/chartPayload.ts";
import { exampleOut } from "./buildExampleSite.ts";

// The metric (dash) legend, two-finger pinch zoom and the tooltip on a phone, on the example's
// CIFAR-10 report (its "Train vs. validation accuracy" chart draws two metrics for two runs), and
// a tap on a vega chart's bar (its tooltip, which vega shows only on pointer moves).
describe.runIf(chromiumAvailable())("line chart gestures in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  const errors: string[] = [];

  const watch = (page: Page): Page => {
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    return page;
  };
  const hydrated = async (page: Page, title: string) => {
    const fig = page.locator("figure[data-runfolio-chart]", { has: page.locator("figcaption", { hasText: title }) });
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-hydrated")).toBe("true");
    return fig;
  };

  beforeAll(async () => {
    server = await serveStatic(exampleOut);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows only one metric when its dash legend entry is clicked, and all again on a second click", async () => {
    const page = watch(await browser.newPage({ viewport: { width: 1200, height: 900 } }));
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = await hydrated(page, "Train vs. validation accuracy");
    expect(Number(await fig.getAttribute("data-visible-series"))).toBe(4);
    const metricEntry = fig.locator(':scope > .rf-legends .rf-legend-entry[aria-label^="val/acc:"]');
    expect(await metricEntry.count()).toBe(1);
    await metricEntry.click();
    await expect.poll(async () => Number(await fig.getAttribute("data-visible-series"))).toBe(2);
    expect(await metricEntry.getAttribute("aria-pressed")).toBe("true");
    expect(await fig.locator(':scope > .rf-legends .rf-legend-entry[aria-label^="train/acc:"]').getAttribute("aria-pressed")).toBe("false");
    await metricEntry.click();
    await expect.poll(async () => Number(await fig.getAttribute("data-visible-series"))).toBe(4);
    await page.close();
    expect(errors).toEqual([]);
  });

  it("pinch-zooms x with two fingers on a touch screen and keeps the zoom in the URL", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = await hydrated(page, "Train vs. validation accuracy");
    const hit = fig.locator(":scope > svg .rf-hit");
    const box = (await hit.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const cdp = await context.newCDPSession(page);
    const touch = (type: "touchStart" | "touchMove" | "touchEnd", spread: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: type === "touchEnd" ? [] : [{ x: cx - spread, y: cy, id: 1 }, { x: cx + spread, y: cy, id: 2 }],
      });
    await touch("touchStart", 20);
    for (const spread of [30, 45, 60, 75]) {
      await touch("touchMove", spread);
      await page.waitForTimeout(50);
    }
    await touch("touchEnd", 0);
    // fingers 40 px apart moved to 150 px apart: about 3.75× narrower x range, centred
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toMatch(/x[\d.e+-]+-[\d.e+-]+/);
    const [, a, b] = /x([\d.e+]+)-([\d.e+]+)/.exec(await page.evaluate(() => decodeURIComponent(location.hash)))!;
    const full = (await fig.evaluate(chartPayloadInPage)).data.domain.x as [number, number];
    const ratio = (full[1] - full[0]) / (Number(b) - Number(a));
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(5);
    expect(await fig.locator(".rf-chart-toolbar button", { hasText: /reset/i }).isDisabled()).toBe(false);
    await context.close();
    expect(errors).toEqual([]);
  });

  it("makes line charts live without vega: hover, legend and zoom work while the vega chunk never arrives", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // the vega chunk hangs: only the vega kinds (bar, histogram, raw vega-lite) may wait for it
    const vegaRequests: string[] = [];
    await page.route(/vegaRuntime[^/]*\.js$/, (route) => void vegaRequests.push(route.request().url()));
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = page.locator("figure[data-runfolio-chart]", { has: page.locator("figcaption", { hasText: "Train vs. validation accuracy" }) });
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-hydrated")).toBe("true");
    const names = [...new Set(((await fig.evaluate(chartPayloadInPage)).data.series as { name: string }[]).map((s) => s.name))];
    const hit = fig.locator(":scope > svg .rf-hit");
    const box = (await hit.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = fig.locator(".rf-chart-tooltip");
    await expect.poll(() => tip.isVisible()).toBe(true);
    const text = await tip.innerText();
    for (const name of names) expect(text).toContain(name);
    expect(text).toMatch(/^epoch \d+/);
    expect(await fig.locator(':scope > svg .rf-rule[visibility="visible"]').count()).toBe(1);
    // drag-zoom redraws the frame: the x axis now starts past where it did
    const firstLabel = () => fig.locator(":scope > svg .rf-axis-labels text").first().textContent();
    const before = await firstLabel();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect.poll(firstLabel).not.toBe(before);
    expect(await fig.locator(".rf-chart-toolbar button", { hasText: /reset/i }).isDisabled()).toBe(false);
    // every line chart in view is live; a vega chart waits for its chunk
    const states = await page.locator("figure[data-runfolio-chart]").evaluateAll((els) =>
      els.filter((e) => e.getBoundingClientRect().top < innerHeight).map((e) => `${e.getAttribute("data-runfolio-chart")}:${e.getAttribute("data-hydrated")}`),
    );
    expect(states.filter((s) => s.startsWith("line:")).every((s) => s === "line:true")).toBe(true);
    expect(states.filter((s) => s.startsWith("vega:")).every((s) => s !== "vega:true")).toBe(true);
    await page.close();
  });

  it("lays a live chart out again when its width changes, keeping its height", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = page.locator('figure[data-runfolio-chart="line"]').first();
    await expect.poll(() => fig.getAttribute("data-hydrated")).toBe("true");
    const svg = fig.locator(":scope > svg");
    const viewBox = async () => (await svg.getAttribute("viewBox"))!.split(" ").map(Number);
    const [, , w0, h0] = await viewBox();
    const height = (await svg.boundingBox())!.height;
    await page.setViewportSize({ width: 700, height: 900 });
    await expect.poll(async () => (await viewBox())[2]).toBeLessThan(w0! - 100);
    expect((await viewBox())[3]).toBe(h0);
    expect(Math.abs((await svg.boundingBox())!.height - height)).toBeLessThan(2);
    // the frame was laid out for the new width: the x axis' last label sits inside it
    const right = await svg.evaluate((el) => Math.max(...[...el.querySelectorAll(".rf-axis-labels text")].map((t) => t.getBoundingClientRect().right)));
    expect(right).toBeLessThanOrEqual((await svg.boundingBox())!.x + (await svg.boundingBox())!.width + 1);
    await page.close();
  });

  it("fetches vega only when a vega chart comes near: line charts above it go live without it", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 700 } });
    const scripts: string[] = [];
    page.on("request", (r) => void (r.resourceType() === "script" && scripts.push(r.url())));
    await page.goto(`${server.url}/reports/lr-sweep/`);
    // The report opens with prose: bring its first line chart (three charts above the scatter) into view.
    await page.locator('figure[data-runfolio-chart="line"]').first().scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('figure[data-runfolio-chart="line"][data-hydrated="true"]').count()).toBeGreaterThan(0);
    await page.waitForTimeout(300);
    expect(scripts.some((u) => /ChartScript[^/]*\.js$/.test(u))).toBe(true);
    expect(scripts.filter((u) => /vega/i.test(u))).toEqual([]);
    const scatter = page.locator('figure[data-runfolio-chart="vega"]').first();
    await scatter.scrollIntoViewIfNeeded();
    await expect.poll(() => scatter.getAttribute("data-hydrated")).toBe("true");
    expect(scripts.some((u) => /vegaRuntime[^/]*\.js$/.test(u))).toBe(true);
    await page.close();
  });

  it("wraps long names in the tooltip on a phone instead of cutting them", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = await hydrated(page, "Train vs. validation accuracy");
    const box = (await fig.locator(":scope > svg .rf-hit").boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tip = fig.locator(".rf-chart-tooltip");
    await expect.poll(() => tip.isVisible()).toBe(true);
    const names = await tip.locator(".rf-tt-name").evaluateAll((els) => els.map((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth + 1 })));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.cut)).toEqual([]);
    // the narrow-screen rules apply: rows wrap and names are not capped (a long group label would be cut otherwise)
    expect(await tip.locator(".rf-tt-row").first().evaluate((e) => getComputedStyle(e).flexWrap)).toBe("wrap");
    expect(await tip.locator(".rf-tt-name").first().evaluate((e) => getComputedStyle(e).maxWidth)).toBe("none");
    const tipBox = (await tip.boundingBox())!;
    expect(tipBox.width).toBeLessThanOrEqual(360);
    await context.close();
    expect(errors).toEqual([]);
  });

  it("shows a vega bar's tooltip on a finger tap, another bar's on the next tap, and hides it on a tap elsewhere", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const page = watch(await context.newPage());
    await page.goto(`${server.url}/reports/cifar10-baselines/`);
    const fig = await hydrated(page, "Final validation accuracy per architecture");
    const bars = fig.locator('.runfolio-chart-view svg [aria-roledescription="bar"]');
    const count = await bars.count();
    expect(count).toBeGreaterThan(1);
    const tip = page.locator("#vg-tooltip-element");
    const shown = () => tip.evaluate((el) => el.classList.contains("visible")).catch(() => false);
    const tapCentre = async (box: { x: number; y: number; width: number; height: number }) =>
      page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    for (const index of [0, count - 1]) {
      const bar = bars.nth(index);
      // vega's own description of the bar: "field: value; field: value"
      const values = (await bar.getAttribute("aria-label"))!.split("; ").map((pair) => pair.slice(pair.indexOf(": ") + 2));
      expect(values.length).toBeGreaterThan(1);
      await tapCentre((await bar.boundingBox())!);
      await expect.poll(shown).toBe(true);
      const text = await tip.innerText();
      for (const value of values) expect(text).toContain(value);
      // all of it on the screen (vega-tooltip alone put it half off the left edge)
      const box = (await tip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    // a tap outside the chart hides it; the page was not scrolled by the taps
    await tapCentre((await fig.locator("figcaption").boundingBox())!);
    await expect.poll(shown).toBe(false);
    await context.close();
    expect(errors).toEqual([]);
  });
});
