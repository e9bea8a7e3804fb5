import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { layoutAudit, type LayoutAuditOptions, type LayoutFinding } from "../helpers/layoutAudit.ts";

const OPTIONS: LayoutAuditOptions = { sortedColumnVisible: true, minPlotHeight: 150 };

/** Each check on a tiny page: what it must catch, and the near miss it must let through. */
describe.runIf(chromiumAvailable())("layoutAudit(options) in Chromium", () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 600, height: 500 } });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function audit(body: string, checks?: LayoutFinding["check"][]): Promise<LayoutFinding[]> {
    await page.setContent(`<!doctype html><html><head><style>body{margin:0;font:16px/1.4 sans-serif}</style></head><body>${body}</body></html>`);
    const found = await page.evaluate(layoutAudit, OPTIONS);
    return checks ? found.filter((f) => checks.includes(f.check)) : found;
  }

  it("a clean page has no findings", async () => {
    expect(await audit(`<main><h1>Title</h1><p>Some prose that wraps inside the window as prose does.</p></main>`)).toEqual([]);
  });

  it("catches a page that scrolls sideways, naming the element that sticks out", async () => {
    const found = await audit(`<main><p>fine</p><div class="wide" style="width:900px">too wide</div></main>`, ["overflow"]);
    expect(found).toHaveLength(1);
    expect(found[0]!.detail).toContain("page is 900 px wide in a 600 px window");
    expect(found[0]!.detail).toContain(`div.wide "too wide" ends at 900 px`);
  });

  it("names a helper placed outside a scrolling box that widens the page, not the table that scrolls in it", async () => {
    const found = await audit(
      `<div style="overflow-x:auto"><table><tr><td style="white-space:nowrap;min-width:900px">wide cell` +
        `<span class="rf-sr" style="position:absolute;width:1px;height:1px;overflow:hidden;left:950px">(best)</span></td></tr></table></div>`,
      ["overflow"],
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.detail).toMatch(/^page is 951 px wide in a 600 px window; span\.rf-sr "\(best\)" ends at 951 px$/);
  });

  it("catches two tick labels of a chart that overlap, and not two that sit side by side", async () => {
    const chart = (x2: number) =>
      `<figure class="rf-chart"><figcaption>loss</figcaption><svg width="300" height="100" viewBox="0 0 300 100">` +
      `<text x="20" y="50" font-size="12">1,600</text><text x="${x2}" y="50" font-size="12">1,800</text></svg></figure>`;
    const collide = await audit(chart(40), ["overlap"]);
    expect(collide).toHaveLength(1);
    expect(collide[0]!.detail).toMatch(/^text "1,600" \/ text "1,800" overlap by \d+×\d+ px$/);
    expect(await audit(chart(70), ["overlap"])).toEqual([]);
  });

  it("catches a toolbar button over the chart's caption", async () => {
    const found = await audit(
      `<figure class="rf-chart" style="position:relative;width:400px"><figcaption>validation loss by step</figcaption>` +
        `<div style="position:absolute;top:0;left:60px"><button>Smooth</button></div></figure>`,
      ["overlap"],
    );
    expect(found.map((f) => f.detail)).toEqual([expect.stringContaining(`figcaption "validation loss by step" / button "Smooth"`)]);
  });

  it("does not count legend entries scrolled out of the legend's box as overlapping what is below it", async () => {
    const entries = Array.from({ length: 12 }, (_, i) => `<li>run-${i}</li>`).join("");
    const found = await audit(
      `<figure class="rf-chart" style="width:300px"><ul style="max-height:60px;overflow-y:auto;margin:0;line-height:20px">${entries}</ul>` +
        `<p style="margin:0">Every logged point (CSV)</p></figure>`,
      ["overlap"],
    );
    expect(found).toEqual([]);
  });

  it("catches a clipped label without a title, and accepts it with one", async () => {
    const cell = (title: string) =>
      `<table><tr><td${title} style="max-width:80px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap">a-very-long-run-name-indeed</td></tr></table>`;
    const bare = await audit(cell(""), ["clipped"]);
    expect(bare).toHaveLength(1);
    expect(bare[0]!.where).toBe(`td "a-very-long-run-name-indeed"`);
    expect(bare[0]!.detail).toMatch(/^its text is \d+ px in a \d+ px box$/);
    expect(await audit(cell(` title="a-very-long-run-name-indeed"`), ["clipped"])).toEqual([]);
  });

  it("catches an SVG axis title cut by the chart's edge, and accepts one that has an SVG title", async () => {
    const svg = (extra: string) =>
      `<svg width="200" height="100" viewBox="0 0 200 100"><text transform="translate(8,50) rotate(-90)" text-anchor="middle" font-size="12">train/grad_norm_total${extra}</text></svg>`;
    const cut = await audit(svg(""), ["clipped"]);
    expect(cut).toEqual([{ check: "clipped", where: `text "train/grad_norm_total"`, detail: "cut by svg (sides, top or bottom)" }]);
    expect(await audit(svg("<title>train/grad_norm_total</title>"), ["clipped"])).toEqual([]);
  });

  it("ignores text that is only for screen readers and text in a scrolling box", async () => {
    const page = `<span style="position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)">sorted ascending by a long column</span>` +
      `<div style="width:100px;overflow-x:auto"><span style="white-space:nowrap">a row that scrolls sideways in its box</span></div>`;
    expect(await audit(page)).toEqual([]);
  });

  it("catches a sorted column scrolled out of its table's box, not one in view", async () => {
    const table = (sortedFirst: boolean) => {
      const cols = Array.from({ length: 12 }, (_, i) => `col${i}`);
      const sorted = sortedFirst ? 1 : 11;
      const head = cols.map((c, i) => `<th style="min-width:80px"${i === sorted ? ` aria-sort="descending"` : ""}>${c}</th>`).join("");
      return `<div style="overflow-x:auto"><table><caption>results</caption><thead><tr>${head}</tr></thead><tbody><tr>${cols.map(() => "<td>1</td>").join("")}</tr></tbody></table></div>`;
    };
    const hidden = await audit(table(false), ["sortedHidden"]);
    expect(hidden).toHaveLength(1);
    expect(hidden[0]!.where).toBe(`table "results"`);
    expect(hidden[0]!.detail).toMatch(/^sorted column th "col11" spans \d+–\d+ px, visible 0–600 px$/);
    expect(await audit(table(true), ["sortedHidden"])).toEqual([]);
  });

  it("measures a line chart's plot at the size it is shown, not its viewBox", async () => {
    const chart = (width: number) =>
      `<figure class="rf-chart"><figcaption>val/loss</figcaption><svg class="rf-line-chart" width="${width}" viewBox="0 0 640 320">` +
      `<g class="rf-lines"><clipPath id="c"><rect width="600" height="274"/></clipPath></g></svg></figure>`;
    const small = await audit(chart(300), ["smallPlot"]);
    // 274 × 300/640 ≈ 128 px.
    expect(small).toEqual([{ check: "smallPlot", where: `chart "val/loss"`, detail: "plot is 128 px tall (at least 150)" }]);
    expect(await audit(chart(560), ["smallPlot"])).toEqual([]);
    // Made taller than its viewBox by CSS, the picture is letterboxed: the plot stays 128 px.
    const letterboxed = chart(300).replace("<svg ", `<svg style="height:400px" `);
    expect((await audit(letterboxed, ["smallPlot"]))[0]?.detail).toBe("plot is 128 px tall (at least 150)");
  });

  it("measures a live chart by its hit rectangle and a vega chart by its frame", async () => {
    const live = `<figure class="rf-chart"><figcaption>a</figcaption><svg class="rf-line-chart" width="400" height="200"><rect class="rf-hit" width="360" height="120"/></svg></figure>`;
    const vega = `<figure data-runfolio-chart="vega"><figcaption>b</figcaption><svg class="marks" width="400" height="300"><g class="mark-group role-frame root"><g><path class="background" d="M0,0h300v240h-300Z"/></g></g></svg></figure>`;
    const found = await audit(live + vega, ["smallPlot"]);
    expect(found).toEqual([{ check: "smallPlot", where: `chart "a"`, detail: "plot is 120 px tall (at least 150)" }]);
  });

  it("measures each panel of a vega grid (facets, concatenation), the smallest deciding, and not a legend's groups", async () => {
    const panel = (h: number) => `<g class="mark-group role-scope cell"><g transform="translate(0,0)"><path class="background" d="M0,0h160v${h}h-160Z"/></g></g>`;
    const legend = `<g class="mark-group role-legend"><g><g class="mark-group role-scope"><g><path class="background" d="M0,0h300v11h-300Z"/></g></g></g></g>`;
    const grid = (a: number, b: number) =>
      `<figure data-runfolio-chart="vega"><figcaption>grid</figcaption><svg class="marks" width="400" height="400">` +
      // A facet's top-level group has no size of its own: its panels are the plots.
      `<g class="mark-group role-frame root"><g><path class="background" d="M0,0h0v0h0Z"/>${panel(a)}${panel(b)}${legend}</g></g></svg></figure>`;
    expect(await audit(grid(180, 120), ["smallPlot"])).toEqual([{ check: "smallPlot", where: `chart "grid"`, detail: "plot is 120 px tall (at least 150)" }]);
    expect(await audit(grid(180, 170), ["smallPlot"])).toEqual([]);
  });

  it("checks only the charts when asked (a page whose scripts are off)", async () => {
    const page = `<div class="wide" style="width:900px;overflow:hidden;white-space:nowrap"><span>cut page text</span></div>` +
      `<figure class="rf-chart"><svg width="100" height="40"><text x="60" y="20">a label past the edge</text></svg></figure>`;
    const all = await page_(page);
    expect(all.map((f) => f.check).sort()).toEqual(["clipped", "overflow"]);
    const charts = await page_(page, { ...OPTIONS, chartsOnly: true });
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ check: "clipped", where: `text "a label past the edge"` });
  });

  async function page_(body: string, options: LayoutAuditOptions = OPTIONS): Promise<LayoutFinding[]> {
    await page.setContent(`<!doctype html><html><head><style>body{margin:0;font:16px/1.4 sans-serif}</style></head><body>${body}</body></html>`);
    return page.evaluate(layoutAudit, options);
  }
});
