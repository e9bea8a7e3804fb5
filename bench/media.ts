/**
 * The `media` section: a report whose ```media block shows 500 images (4 runs × 125 samples at the
 * step shown, 1,000 logged over two steps), built with astro build and loaded in Chromium. Prints
 * what the page loads before any scrolling (HTML, CSS and JS gzipped; images as they are sent) and
 * the build time with media against the same runs and report without it, cold and with the build
 * cache warm (thumbnails not encoded again). Ratios only; nothing is asserted.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { buildSite } from "../tests/helpers/buildSite.ts";
import { writeMediaSite, type MediaSiteOptions } from "../tests/helpers/mediaSite.ts";
import { serveStatic } from "../tests/helpers/serveStatic.ts";

export interface MediaFigures {
  imagesInBlock: number;
  textGzBytes: number;
  imageBytes: number;
  imagesLoaded: number;
  payloadGzBytes: number;
  buildWithoutMs: number;
  buildColdMs: number;
  buildWarmMs: number;
}

const CHART = "```chart\ny: loss\nruns: project = \"vision\"\n```\n";

export async function measureMedia(work: string): Promise<MediaFigures | null> {
  const base: MediaSiteOptions = { runs: 4, steps: 2, perStep: 125, width: 640, height: 480, pattern: "gradient", format: "jpg", reportBlock: 'runs: project = "vision"\nkey: samples\nlimit: 500', reportExtra: CHART };
  const withMedia = path.join(work, "media-with");
  const without = path.join(work, "media-without");
  await writeMediaSite(withMedia, base);
  await writeMediaSite(without, { ...base, reportBlock: "", withoutMedia: true });
  const build = async (dataDir: string, name: string, cache: string) => {
    const outDir = path.join(work, `${name}-dist`);
    const r = await buildSite({ dataDir, outDir, cacheDir: path.join(work, cache) });
    if (r.code !== 0) throw new Error(r.output);
    return { ms: r.ms, outDir };
  };
  // The baseline first, so both media builds find Astro's own caches as warm as it did.
  await build(without, "media-without-warmup", "media-cache-without");
  const plain = await build(without, "media-without", "media-cache-without");
  const cold = await build(withMedia, "media-with", "media-cache-with");
  const warm = await build(withMedia, "media-with-again", "media-cache-with");

  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const figures: MediaFigures = { imagesInBlock: 0, textGzBytes: 0, imageBytes: 0, imagesLoaded: 0, payloadGzBytes: 0, buildWithoutMs: plain.ms, buildColdMs: cold.ms, buildWarmMs: warm.ms };
  if (!existsSync(exe)) return figures;
  const server = await serveStatic(cold.outDir);
  const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const done: Promise<void>[] = [];
    page.on("requestfinished", (request) => {
      done.push(
        (async () => {
          const body = await (await request.response())?.body().catch(() => null);
          if (!body) return;
          if (request.resourceType() === "image" || request.resourceType() === "media") {
            figures.imageBytes += body.length;
            figures.imagesLoaded++;
          } else figures.textGzBytes += gzipSync(body, { level: 9 }).length;
        })(),
      );
    });
    await page.goto(`${server.url}/reports/media/`, { waitUntil: "load" });
    await page.waitForTimeout(1500);
    await Promise.all(done);
    figures.imagesInBlock = await page.locator("figure.rf-media img").count();
    figures.payloadGzBytes = gzipSync(await page.locator("script.rf-media-data").textContent() ?? "", { level: 9 }).length;
  } finally {
    await browser.close();
    await server.close();
  }
  return figures;
}
