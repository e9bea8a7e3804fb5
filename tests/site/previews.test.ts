import { readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import sharp from "sharp";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { childrenNamed, childText, parseXml } from "../unit/xmlCheck.ts";
import { exampleOut } from "./buildExampleSite.ts";

/** Link previews (Open Graph tags and their PNGs), embed pages and the Atom feed of the example site. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'";

const page = async (rel: string): Promise<HTMLElement> => parseHtml(await readFile(path.join(exampleOut, rel), "utf8"));
const meta = (doc: HTMLElement, key: string): string | undefined =>
  (doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`))?.getAttribute("content");

async function pngSize(rel: string): Promise<[number, number]> {
  const png = await readFile(path.join(exampleOut, rel));
  expect([...png.subarray(0, 8)], rel).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe("link previews", () => {
  it("every report page has Open Graph and Twitter tags and a 1200×630 PNG", async () => {
    const reports = (await fg("reports/*/index.html", { cwd: exampleOut })).sort();
    expect(reports.length).toBeGreaterThan(0);
    for (const rel of reports) {
      const slug = rel.split("/")[1]!;
      const doc = await page(rel);
      expect(meta(doc, "og:title"), rel).toBe(doc.querySelector("h1")!.textContent.trim());
      expect(meta(doc, "og:description"), rel).toBe(doc.querySelector(".lede")!.textContent.trim());
      expect(meta(doc, "og:type")).toBe("article");
      expect(meta(doc, "og:image")).toBe(`/og/reports/${slug}.png`);
      expect(meta(doc, "twitter:card")).toBe("summary_large_image");
      expect(doc.querySelector('link[rel="alternate"][type="application/atom+xml"]')!.getAttribute("href")).toBe("/feed.xml");
      expect(await pngSize(`og/reports/${slug}.png`)).toEqual([1200, 630]);
    }
  });

  it("every run page has a preview card", async () => {
    const runs = (await fg("runs/*/*/index.html", { cwd: exampleOut })).sort();
    expect(runs.length).toBeGreaterThan(10);
    for (const rel of runs) {
      const id = rel.slice("runs/".length, -"/index.html".length);
      const doc = await page(rel);
      expect(meta(doc, "og:image"), rel).toBe(`/og/runs/${id}.png`);
      expect(meta(doc, "og:title"), rel).toBeTruthy();
      expect(meta(doc, "og:description"), rel).toBeTruthy();
      expect(meta(doc, "og:type"), rel).toBe("website");
      expect(meta(doc, "twitter:card"), rel).toBe("summary_large_image");
    }
    expect(await pngSize(`og/runs/${runs[0]!.slice(5, -11)}.png`)).toEqual([1200, 630]);
    // Pages without an image say so to Twitter too.
    expect(meta(await page("index.html"), "twitter:card")).toBe("summary");
    expect(meta(await page("index.html"), "og:image")).toBeUndefined();
  });

  it("preview images differ per page, are valid 1200×630 PNGs and contain drawn text (a font was found)", async () => {
    const pngs = (await fg("og/**/*.png", { cwd: exampleOut })).sort();
    expect(pngs.length).toBeGreaterThan(10);
    const bytes = await Promise.all(pngs.map((p) => readFile(path.join(exampleOut, p))));
    expect(new Set(bytes.map((b) => b.toString("base64"))).size).toBe(pngs.length);
    for (const [i, png] of bytes.entries()) {
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height], pngs[i]).toEqual([1200, 630]);
      // Dark pixels: the title's ink (#0f172a) and its anti-aliased edges, not the frame's colours.
      let dark = 0;
      for (let p = 0; p < data.length; p += 3) if (data[p]! + data[p + 1]! + data[p + 2]! < 200) dark++;
      expect(dark, pngs[i]).toBeGreaterThan(500);
    }
  });
});

describe("the Atom feed", () => {
  it("lists the dated reports, newest first, linked from the home page", async () => {
    const feed = parseXml(await readFile(path.join(exampleOut, "feed.xml"), "utf8"));
    const entries = childrenNamed(feed, "entry");
    const reports = (await fg("reports/*/index.html", { cwd: exampleOut })).length;
    expect(entries.length).toBe(reports);
    const dates = entries.map((e) => childText(e, "updated")!);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(childText(feed, "updated")).toBe(dates[0]);
    for (const e of entries) {
      const href = childrenNamed(e, "link")[0]!.attrs.href!;
      // Relative to the feed, which is at the site's root.
      expect(href).toMatch(/^reports\//);
      const doc = await page(`${href}index.html`);
      expect(childText(e, "title")).toBe(doc.querySelector("h1")!.textContent.trim());
    }
    const home = await page("index.html");
    expect(home.querySelector('main a[href="/feed.xml"]')).not.toBeNull();
  });
});

describe("embed pages", () => {
  it("exist for every chart of every report, with just that chart and a link back", async () => {
    const reports = (await fg("reports/*/index.html", { cwd: exampleOut })).sort();
    let total = 0;
    for (const rel of reports) {
      const slug = rel.split("/")[1]!;
      const ids = (await page(rel)).querySelectorAll("figure[data-runfolio-chart]").map((f) => f.id);
      const embeds = (await fg(`embed/${slug}/*/index.html`, { cwd: exampleOut })).map((f) => f.split("/")[2]).sort();
      expect(embeds, slug).toEqual([...ids].sort());
      for (const id of ids) {
        const doc = await page(`embed/${slug}/${id}/index.html`);
        const figs = doc.querySelectorAll("figure[data-runfolio-chart]");
        expect(figs.map((f) => f.id)).toEqual([id]);
        expect(doc.querySelector(".rf-embed-source a")!.getAttribute("href")).toBe(`/reports/${slug}/#${id}`);
        expect(doc.querySelector("header, nav, footer")).toBeNull();
        expect(doc.querySelectorAll("script:not([src]):not([type='application/json'])").length).toBe(0);
        expect(doc.querySelectorAll("[style]").length).toBe(0);
        total++;
      }
    }
    expect(total).toBeGreaterThan(3);
  });

  describe.runIf(chromiumAvailable())("in Chromium, in an iframe, under a strict CSP", () => {
    let browser: Browser;
    let server: StaticServer;
    let p: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      server = await serveStatic(exampleOut, { "content-security-policy": CSP });
      browser = await launchChromium();
      p = await browser.newPage({ viewport: { width: 900, height: 700 } });
      p.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") errors.push(`${m.type()}: ${m.text()}`);
      });
      p.on("pageerror", (e) => errors.push(String(e)));
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("hydrates the chart and shows its tooltip", async () => {
      const rel = (await fg("embed/lr-sweep/*/index.html", { cwd: exampleOut })).sort()[0]!;
      await p.goto(`${server.url}/${rel.replace(/index\.html$/, "")}`);
      const fig = p.locator("figure[data-runfolio-chart]");
      await expect.poll(() => fig.getAttribute("data-hydrated")).toBe("true");
      const box = (await fig.locator("svg >> visible=true").first().boundingBox())!;
      const tip = p.locator(".rf-chart-tooltip:not([hidden]), #vg-tooltip-element.visible");
      let text = "";
      for (let fx = 0.2; fx <= 0.8 && !text; fx += 0.05) {
        for (let fy = 0.1; fy <= 0.9 && !text; fy += 0.1) {
          await p.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
          if (await tip.count()) text = (await tip.first().innerText()).trim();
        }
      }
      expect(text).not.toBe("");
      expect(errors).toEqual([]);
    });
  });
});
