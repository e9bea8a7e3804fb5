import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chartPayloadInDist } from "../helpers/chartPayload.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { writeRunDataSite } from "../helpers/runDataSite.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, type SharedBuild } from "../helpers/sharedBuild.ts";

/** Histograms, system metrics and the confusion extras, built from an inline data folder. */
const dataDir = path.join(repoRoot, "test-artifacts/run-data-site");
let built: SharedBuild;
const page = async (rel: string): Promise<HTMLElement> => parseHtml(await readFile(path.join(built.outDir, rel, "index.html"), "utf8"));
type VegaPayload = { spec: { description: string }; datasets: Record<string, Record<string, unknown>[]> };
// A payload over 8 KB is a data file the script names (blockDataFiles.ts).
const payload = async (fig: HTMLElement) => (await chartPayloadInDist(built.outDir, fig.querySelector("script.rf-chart-data")!)) as unknown as VegaPayload;

beforeAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await writeRunDataSite(dataDir);
  built = await sharedBuild(dataDir);
  expect(built.code, built.output).toBe(0);
}, 600_000);

describe("distribution, confusion and system charts in the built site", () => {
  it("draws the report's distribution bands and heatmap, a confusion at a step by columns, a difference, grouped ROC and GPU lines", async () => {
    const doc = await page("reports/eval");
    const figs = doc.querySelectorAll("figure[data-runfolio-chart]");
    expect(figs.map((f) => [f.id, f.getAttribute("data-runfolio-chart")])).toEqual([
      ["chart-1", "vega"],
      ["chart-2", "vega"],
      ["chart-3", "vega"],
      ["chart-4", "vega"],
      ["chart-5", "vega"],
      ["chart-6", "line"],
    ]);
    expect(figs.slice(0, 5).map((f) => f.querySelector("svg")!.getAttribute("aria-label"))).toEqual([
      "Distribution of weights/fc1 over steps (percentile bands) for base, wide",
      "Distribution of weights/fc1 over steps (heatmap of bin counts) for base, wide",
      "Confusion matrix (shares of each predicted class) of base (step 10), wide (step 10)",
      "Difference of confusion matrices (counts): wide (step 29) minus base (step 29)",
      "ROC curves of arch cnn (mean AUC 0.952 ± 0.025, n=2)",
    ]);
    // Bands: 30 steps per run, the median of a symmetric histogram at 0.
    const bands = (await payload(figs[0]!)).datasets.distribution!;
    expect(bands.length).toBe(60);
    expect(bands.map((r) => Math.abs(r.p50 as number) < 1e-9)).toEqual(bands.map(() => true));
    // The difference: wide's step-29 matrix minus base's, printed signed.
    const diff = (await payload(figs[3]!)).datasets.cells!;
    expect(diff.map((c) => c.text)).toEqual(["+3", "\u22121", "0", "0", "+3", "\u22121", "0", "0", "+3"]);
    expect(figs[5]!.text).toContain("system/gpu.1.utilization");
  });

  it("gives run pages their evaluation plots, distributions and system metrics (one chart per family, a line per GPU)", async () => {
    const doc = await page("runs/vision/wide");
    const section = (id: string) => doc.querySelector(`#${id}`)!.parentNode!.querySelectorAll("figure[data-runfolio-chart]");
    expect(section("run-plots").map((f) => f.querySelector(".rf-chart-title, figcaption, h3")?.text.trim() ?? f.id)).toHaveLength(2);
    expect(section("run-distributions")).toHaveLength(1);
    const system = section("run-system");
    expect(system.map((f) => f.querySelector("svg")!.getAttribute("aria-label"))).toEqual(["cpu.percent", "memory.percent", "gpu.power_w", "gpu.temperature_c", "gpu.utilization"]);
    expect(system[4]!.querySelectorAll(".rf-legend-entry").map((e) => e.text.trim())).toEqual(["GPU 0", "GPU 1"]);
  });
});

describe.runIf(chromiumAvailable())("hovering the new charts", () => {
  let browser: Browser;
  let server: StaticServer;
  let p: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(built.outDir);
    browser = await launchChromium();
    p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    p.on("pageerror", (e) => errors.push(String(e)));
    p.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await p.goto(`${server.url}/reports/eval/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const tip = () => p.locator("#vg-tooltip-element.visible");
  /** Moves the mouse onto the centre of the `n`th element matching `selector` in the hydrated chart `id`. */
  const hoverMark = async (id: string, selector: string, n: number): Promise<void> => {
    const fig = p.locator(`#${id}`);
    await fig.scrollIntoViewIfNeeded();
    await expect.poll(() => fig.getAttribute("data-hydrated")).toBe("true");
    const box = (await fig.locator(`.runfolio-chart-view ${selector}`).nth(n).boundingBox())!;
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  };

  it("shows a confusion cell's true and predicted label and both runs' counts", async () => {
    // The first cell drawn is true cat, predicted cat.
    await hoverMark("chart-4", "g.mark-rect path", 0);
    await expect.poll(async () => ((await tip().count()) ? await tip().innerText() : "")).toContain("count, wide");
    const text = await tip().innerText();
    expect(text).toMatch(/true\s+cat/);
    expect(text).toMatch(/predicted\s+cat/);
    // Step 29: base 34 true cats predicted cat, wide 37.
    expect(text).toMatch(/count, base \(step 29\)\s+34/);
    expect(text).toMatch(/count, wide \(step 29\)\s+37/);
    await p.mouse.move(0, 0);
  });

  it("shows a single run's cell with its count and share of the true class", async () => {
    await hoverMark("chart-3", "g.mark-rect path", 1);
    await expect.poll(async () => ((await tip().count()) ? await tip().innerText() : "")).toMatch(/predicted\s+dog/);
    const text = await tip().innerText();
    expect(text).toMatch(/true\s+cat/);
    expect(text).toMatch(/count\s+5/);
    // 5 of base's 40 true cats at step 10.
    expect(text).toMatch(/share of true class \(row\)\s+12\.5%/);
    await p.mouse.move(0, 0);
  });

  it("shows a step's percentiles when hovering the distribution bands", async () => {
    // The hover targets sit on each step's median (0 for both runs, so the one on top answers): the 11th is at step 100.
    await hoverMark("chart-1", "g.mark-symbol path", 10);
    await expect.poll(async () => ((await tip().count()) ? await tip().innerText() : "")).toMatch(/step\s+100/);
    const text = await tip().innerText();
    expect(text).toMatch(/run\s+(base|wide)/);
    expect(text).toMatch(/median\s+0/);
    expect(text).toMatch(/93th percentile/);
    expect(errors).toEqual([]);
  });
});
