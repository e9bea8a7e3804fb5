/**
 * A small site with run-folder media, built once: the media files are stored once and
 * content-addressed, thumbnails exist and are WebP 160 and 320 px wide, grids load lazily with sizes set,
 * SVG is never inlined, thumbnails past the first rows wait for the script (with a <noscript> copy); then in
 * Chromium the step slider swaps images, the enlarge dialog opens and closes with Esc, the swipe compare draws
 * both runs, and a thumbnail far below the fold is requested only once scrolled near.
 */
import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { writeMediaSite } from "../helpers/mediaSite.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, type SharedBuild } from "../helpers/sharedBuild.ts";

const dataDir = path.join(repoRoot, "test-artifacts/media-data");
let built: SharedBuild;
const html = async (rel: string) => parseHtml(await readFile(path.join(built.outDir, rel, "index.html"), "utf8"));

beforeAll(async () => {
  await writeMediaSite(dataDir, { runs: 2, steps: 3, perStep: 8, width: 400, height: 300, reportBlock: 'runs: project = "vision"\nkey: samples' });
  built = await sharedBuild(dataDir);
  if (built.code !== 0) throw new Error(built.output);
}, 300_000);

describe("a site with media", () => {
  it("stores each file once under media/, content-addressed, with two WebP thumbnails for each large image", async () => {
    const files = readdirSync(path.join(built.outDir, "media")).sort();
    // 48 distinct samples (each with a 1× and a 2× thumbnail), one image both runs log (stored once), an SVG and a WAV.
    expect(files.filter((f) => f.endsWith("-w160.webp"))).toHaveLength(48);
    expect(files.filter((f) => f.endsWith("-w320.webp"))).toHaveLength(48);
    expect(files.filter((f) => f.endsWith(".png"))).toHaveLength(49);
    expect(files.filter((f) => /\.(svg|wav)$/.test(f))).toHaveLength(2);
    expect(files.every((f) => /^[0-9a-f]{20}(-w(160|320)\.webp|\.(png|svg|wav))$/.test(f))).toBe(true);
    const small = await sharp(path.join(built.outDir, "media", files.find((f) => f.endsWith("-w160.webp"))!)).metadata();
    expect([small.format, small.width, small.height]).toEqual(["webp", 160, 120]);
    const large = await sharp(path.join(built.outDir, "media", files.find((f) => f.endsWith("-w320.webp"))!)).metadata();
    expect([large.format, large.width, large.height]).toEqual(["webp", 320, 240]);
    const run0 = await html("runs/vision/run-0/");
    const run1 = await html("runs/vision/run-1/");
    const shared = (doc: typeof run0) => doc.querySelectorAll("figure.rf-media").find((f) => f.querySelector("figcaption a")?.text === "shared")!.querySelector("img")!.getAttribute("src");
    expect(shared(run0)).toBe(shared(run1));
  });

  it("draws the block's grid with lazy images of set size, each linking to its full file; past the first rows the script sets src", async () => {
    const doc = await html("reports/media/");
    const imgs = doc.querySelectorAll("figure.rf-media .rf-media-frame > img");
    expect(imgs).toHaveLength(16);
    for (const img of imgs) {
      const item = Number(img.closest("a")!.getAttribute("data-item"));
      const deferred = item >= 4;
      const src = img.getAttribute(deferred ? "data-src" : "src")!;
      const srcset = img.getAttribute(deferred ? "data-srcset" : "srcset")!;
      expect([img.getAttribute("src"), img.getAttribute("data-src"), img.getAttribute("data-srcset")].filter((a) => a !== undefined).length).toBe(deferred ? 2 : 1);
      expect(img.getAttribute("loading")).toBe("lazy");
      expect([img.getAttribute("width"), img.getAttribute("height"), img.getAttribute(deferred ? "data-sizes" : "sizes")]).toEqual(["160", "120", "10rem"]);
      expect(src).toMatch(/^\/media\/[0-9a-f]{20}-w160\.webp$/);
      expect(existsSync(path.join(built.outDir, src))).toBe(true);
      const [one, two] = srcset.split(", ");
      expect(one).toBe(`${src} 160w`);
      expect(two).toMatch(/^\/media\/[0-9a-f]{20}-w320\.webp 320w$/);
      expect(existsSync(path.join(built.outDir, two!.split(" ")[0]!))).toBe(true);
      const href = img.closest("a")!.getAttribute("href")!;
      expect(href).toMatch(/^\/media\/[0-9a-f]{20}\.png$/);
      expect(existsSync(path.join(built.outDir, href))).toBe(true);
      // Without JavaScript the <noscript> copy shows the same thumbnail.
      const fallback = img.nextElementSibling;
      if (deferred) expect(fallback?.tagName === "NOSCRIPT" && fallback.innerHTML).toContain(`<img src="${src}" srcset="${srcset}" sizes="10rem"`);
      else expect(fallback?.tagName).not.toBe("NOSCRIPT");
    }
    expect(imgs.filter((i) => i.getAttribute("src") !== undefined)).toHaveLength(8);
    expect(doc.querySelectorAll(".rf-media-run-step").map((s) => s.text)).toEqual(["step 2", "step 2"]);
    const run0 = await readFile(path.join(built.outDir, "runs/vision/run-0/index.html"), "utf8");
    expect(run0).not.toContain("__svgRan");
    expect(run0).toMatch(/<img src="\/media\/[0-9a-f]{20}\.svg" width="40" height="20" loading="lazy"/);
    expect(run0).toContain('<audio controls preload="none" src="/media/');
    expect(run0).toContain("<figcaption>&lt;b&gt;not bold&lt;/b&gt;</figcaption>");
  });
});

describe.runIf(chromiumAvailable())("media grids in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveStatic(built.outDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("moves every run to another step with the slider, and opens an item in a dialog that Esc closes", async () => {
    await page.goto(`${server.url}/reports/media/`);
    const fig = page.locator("figure.rf-media").first();
    const first = fig.locator('.rf-media-run[data-run="vision/run-0"] img').first();
    const before = await first.getAttribute("src");
    await expect.poll(() => fig.locator(".rf-media-tools").isVisible()).toBe(true);
    const slider = fig.locator("input.rf-media-slider");
    await slider.fill("0");
    await expect.poll(() => first.getAttribute("src")).not.toBe(before);
    expect(await fig.locator(".rf-media-run-step").allInnerTexts()).toEqual(["step 0", "step 0"]);
    expect(await fig.locator("output.rf-media-step").innerText()).toBe("0");
    expect(await first.getAttribute("alt")).toBe("run 0 step 0 sample 0");

    await first.click();
    const dialog = page.locator("dialog.rf-media-dialog");
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    const full = await dialog.locator("img").getAttribute("src");
    expect(full).toBe(await fig.locator('.rf-media-run[data-run="vision/run-0"] a.rf-media-open').first().getAttribute("href"));
    expect(await dialog.locator("svg.rf-media-boxes text").textContent()).toBe("cat 0.91");
    await page.keyboard.press("ArrowRight");
    expect(await dialog.locator("figcaption").innerText()).toBe("run-0 · step 0 · run 0 step 0 sample 1 (2 of 8)");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("rf-media-open"))).toBe(true);

    await fig.locator("select.rf-media-mode").selectOption("swipe");
    expect(await fig.locator(".rf-media-grid").isVisible()).toBe(false);
    const stack = fig.locator(".rf-media-swipe-stack img");
    expect(await stack.count()).toBe(2);
    await fig.locator("input.rf-media-swipe-range").fill("20");
    expect(await fig.locator(".rf-media-swipe-over").evaluate((e) => (e as HTMLElement).style.clipPath)).toBe("inset(0px 80% 0px 0px)");
    await fig.locator("select.rf-media-mode").selectOption("side");
    expect(await fig.locator(".rf-media-side figcaption").allInnerTexts()).toEqual(["run-0 · step 0 · run 0 step 0 sample 0", "run-1 · step 0 · run 1 step 0 sample 0"]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("loads the 160-pixel thumbnail on a plain screen and the 320-pixel one at two device pixels per CSS pixel", async () => {
    for (const [scale, width] of [[1, 160], [2, 320]] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: scale });
      const p = await context.newPage();
      await p.goto(`${server.url}/reports/media/`);
      const img = p.locator("figure.rf-media img").first();
      await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).currentSrc), { timeout: 20_000 }).toMatch(new RegExp(`-w${width}\\.webp$`));
      // Drawn at the grid's size either way: the 2× file at two device pixels per CSS pixel.
      expect(await img.evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(160);
      await context.close();
    }
  }, 60_000);

  it("requests a thumbnail far below the fold only once it is scrolled near, and shows it then", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 500 } });
    const p = await context.newPage();
    const requested: string[] = [];
    p.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(`${server.url}/reports/media/`, { waitUntil: "load" });
    const last = p.locator('.rf-media-run[data-run="vision/run-1"] .rf-media-frame > img').last();
    const file = (await last.getAttribute("data-src"))!;
    expect(file).toMatch(/-w160\.webp$/);
    // Far below: more than the viewport and the script's look-ahead (300 px) under the top.
    expect(await last.evaluate((i) => i.getBoundingClientRect().top - 2 * window.innerHeight)).toBeGreaterThan(0);
    await expect.poll(() => requested.some((r) => r.endsWith("-w160.webp"))).toBe(true);
    await p.waitForTimeout(500);
    expect(requested.filter((r) => r.startsWith(file.replace("-w160.webp", "")))).toEqual([]);
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(160);
    expect(requested).toContain(file);
    expect(await last.getAttribute("data-src")).toBeNull();
    await context.close();
  }, 60_000);

  it("shows an SVG through <img> only: its script never runs", async () => {
    await page.goto(`${server.url}/runs/vision/run-0/`);
    const svg = page.locator('img[src$=".svg"]');
    await svg.scrollIntoViewIfNeeded();
    await expect.poll(() => svg.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth)).toBe(40);
    expect(await page.evaluate(() => (window as unknown as { __svgRan?: boolean }).__svgRan)).toBeUndefined();
    expect(errors).toEqual([]);
  }, 60_000);
});
