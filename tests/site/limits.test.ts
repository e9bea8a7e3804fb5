import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, sharedBuildOut } from "../helpers/sharedBuild.ts";
import { decodeRunData } from "../../src/core/explore/runDataWire.ts";

/**
 * tests/fixtures/hostile-site/runs/limits-hostile: a run with a 5,000-character unbroken name, a
 * 152,004-character note, long tags, group and config text, metrics named `__proto__` and
 * `constructor`, a metric constant at Number.MAX_VALUE, subnormals and a one-point metric; and a
 * runs.csv with `config.__proto__.polluted`. The site builds, keeps those keys as data, clips the
 * text it shows (the run.json download keeps all of it) and never grows wider than the window.
 */
const dataDir = path.join(repoRoot, "tests/fixtures/hostile-site");
/** The hostile fixture's site, built once per vitest run for every test file that reads it. */
const outDir = sharedBuildOut(dataDir);
const RUN = "limits-hostile/long-name";
const NOTES_LENGTH = 152_004;

describe("limits: extreme runs build into a usable site", () => {
  beforeAll(async () => {
    const result = await sharedBuild(dataDir);
    if (result.code !== 0) throw new Error(`building the site failed:\n${result.output}`);
  }, 600_000);

  it("keeps the full run in the run.json download and clips the page's copy", async () => {
    const data = decodeRunData(JSON.parse(await readFile(path.join(outDir, `data/runs/${RUN}.json`), "utf8")));
    expect(data.run.notes?.length).toBe(NOTES_LENGTH);
    expect(data.run.name.length).toBe(5_000);
    expect(Object.keys(data.run.config)).toContain("__proto__");
    expect(data.run.config["__proto__"]).toEqual({ polluted: "yes" });
    expect(Object.keys(data.history.metrics)).toEqual(expect.arrayContaining(["__proto__", "flat", "tiny", "single"]));
    expect(data.history.metrics["__proto__"]!.y).toEqual([4, 3, 2, 1]);
    const page = await readFile(path.join(outDir, `runs/${RUN}/index.html`), "utf8");
    expect(page).not.toContain("L".repeat(201));
    expect(page).toContain(`${"L".repeat(200)}…`);
    expect(page.split("unbroken").length - 1).toBeLessThan(100_000 / 8 + 10);
    // One page copy of the clipped notes (and the run in the page's data), not seven of the full text.
    expect((await stat(path.join(outDir, `runs/${RUN}/index.html`))).size).toBeLessThan(NOTES_LENGTH * 2);
    const index = await readFile(path.join(outDir, "data/runs.json"), "utf8");
    expect(index).not.toContain("unbroken".repeat(12_600));
    const table = JSON.parse(await readFile(path.join(outDir, "data/runs/limits-hostile/table-proto.json"), "utf8"));
    expect(JSON.stringify(table.run.config)).toBe('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"x":1}}}');
    expect(table.run.summary["__proto__"]).toBe(0.25);
  });

  it("shows metrics named __proto__ and constructor on the run page and in the report", async () => {
    const page = await readFile(path.join(outDir, `runs/${RUN}/index.html`), "utf8");
    expect(page).toMatch(/<td[^>]*>__proto__<\/td><td class="num">1<\/td>/);
    expect(page).toMatch(/<td[^>]*>constructor<\/td><td class="num">0\.5<\/td>/);
    const report = await readFile(path.join(outDir, "reports/limits-hostile/index.html"), "utf8");
    expect(report).not.toContain("rf-block-error");
    // Each chart draws its lines, the constant and one-point ones too.
    const lines = [...report.matchAll(/class="rf-line" d="([^"]*)"/g)].map((m) => m[1]!);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const d of lines) expect(d).toMatch(/^M/);
    // A lone point is drawn as a small ring (a line through one point would draw nothing).
    expect(lines.some((d) => d.includes("a2.5 2.5 0 1 0 5 0"))).toBe(true);
    expect(report).not.toMatch(/NaN|Infinity/);
  });

  describe.runIf(chromiumAvailable())("in Chromium", () => {
    let browser: Browser;
    let server: StaticServer;
    let page: Page;
    beforeAll(async () => {
      server = await serveStatic(outDir);
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it.each([`runs/${RUN}/`, "runs/", "reports/limits-hostile/", `compare/?runs=${RUN},limits-hostile/table-proto`])(
      "%s is no wider than the window",
      async (rel) => {
        for (const width of [1024, 390]) {
          await page.setViewportSize({ width, height: 800 });
          // The compare page draws itself from fetched run data: wait until nothing is loading.
          await page.goto(`${server.url}/${rel}`, { waitUntil: "networkidle" });
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(scrollWidth, `${rel} at ${width}px`).toBeLessThanOrEqual(width);
        }
      },
      120_000,
    );
  });
});
