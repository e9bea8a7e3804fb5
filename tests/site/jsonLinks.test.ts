import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { explorerQueryFor } from "../../src/core/explore/explorerState.ts";
import { runPath } from "../../src/core/paths/runPath.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, sharedBuildOut } from "../helpers/sharedBuild.ts";

/**
 * Links that travel in JSON and become links in the browser — a long runs table's rows after its
 * first page (the rows file), the explorer's run links, search results — open the right page on a
 * relative-links site served from a sub-folder, where no root-absolute URL can work. A generated
 * folder of 130 runs, so the report's runs table has a rows file.
 */
const dataDir = path.join(repoRoot, "test-artifacts/json-links-data");
const COUNT = 130;
const RELATIVE = { RUNFOLIO_LINKS: "relative" };
const BASE = "/my-experiments/";
// A run beyond the first page, with an id that needs percent-encoding.
const TARGET = { id: "long/run-125 x y", name: "run number 125" };
const idOf = (i: number) => (i === 125 ? TARGET.id : `long/run-${String(i).padStart(3, "0")}`);

let written: Promise<void> | undefined;
/** Each build of this file reads the same folder, written once. */
const buildLongSite = (env: Record<string, string>) => {
  written ??= writeLongSite(dataDir);
  return written.then(() => sharedBuild(dataDir, env));
};

async function writeLongSite(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, "runs/long"), { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const run = { name: i === 125 ? TARGET.name : `run ${i}`, state: "finished", created: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), config: { i } };
    await writeFile(path.join(dir, "runs", `${idOf(i)}.json`), JSON.stringify(run));
  }
  await mkdir(path.join(dir, "reports"), { recursive: true });
  await writeFile(path.join(dir, "reports/long.md"), '---\ntitle: Long table\ndate: 2026-01-02\nruns: project = "long"\n---\n\n```runs\ncolumns: [name, config.i]\nsort: config.i\n```\n');
}

describe("links carried in JSON on a relative-links site", () => {
  const outDir = sharedBuildOut(dataDir, RELATIVE);

  beforeAll(async () => {
    const result = await buildLongSite(RELATIVE);
    if (result.code !== 0) throw new Error(`building with RUNFOLIO_LINKS=relative failed:\n${result.output}`);
  }, 600_000);

  it("publishes site paths in the rows file and the search index, and a relative data-base on every page", async () => {
    const report = await readFile(path.join(outDir, "reports/long/index.html"), "utf8");
    expect(report).toContain('<html lang="en" data-base="../../">');
    const file = /class="rf-table-data" data-file="([^"]*)"/.exec(report)![1]!;
    expect(file).toMatch(/^\.\.\/\.\.\/data\/blocks\/[^/]+\.json$/);
    const rows = JSON.parse(await readFile(path.join(outDir, "reports/long", file), "utf8")) as { hrefs: string[] };
    expect(rows.hrefs.length).toBe(COUNT - 100);
    expect(rows.hrefs[25]).toBe(runPath(TARGET.id));
    const index = await readFile(path.join(outDir, "search-index.json"), "utf8");
    expect(index).toContain(`"${runPath(TARGET.id)}"`);
    expect(index).not.toContain('"/runs/');
    expect(await readFile(path.join(outDir, "index.html"), "utf8")).toContain('<html lang="en" data-base="./">');
    // The bundles' own URLs (the explorer's and rows table's workers) are relative to the bundle too.
    const bundles = await fg("_astro/*.js", { cwd: outDir });
    expect(bundles.length).toBeGreaterThan(3);
    for (const js of bundles) expect(await readFile(path.join(outDir, js), "utf8"), js).not.toMatch(/[`"']\/_astro\//);
  });
});

describe.skipIf(!chromiumAvailable()).each([
  // Relative links, served from a folder the build knew nothing of: folder links name index.html.
  { mode: "relative links", env: RELATIVE, folder: "/deep/folder/", page: "index.html", up: (n: number) => "../".repeat(n) },
  // A base path: every link is root-absolute under it.
  { mode: "a base path", env: { RUNFOLIO_BASE: BASE }, folder: BASE, page: "", up: () => BASE },
])("links carried in JSON, in a browser, on a site with $mode", ({ env, folder, page: index, up }) => {
  const outDir = sharedBuildOut(dataDir, env);
  let browser: Browser;
  let page: Page;
  let server: StaticServer;
  const errors: string[] = [];
  const targetUrl = () => `${server.url}${folder}${runPath(TARGET.id)}${index}`;

  beforeAll(async () => {
    const result = await buildLongSite(env);
    if (result.code !== 0) throw new Error(`building the long site failed:\n${result.output}`);
    server = await serveStatic(outDir, {}, { prefix: folder });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const clickTo = async (link: ReturnType<Page["locator"]>) => {
    await Promise.all([page.waitForURL(targetUrl()), link.click()]);
    expect((await page.locator("h1").innerText()).startsWith(TARGET.name)).toBe(true);
  };

  it("opens the run page from row 126 of the report's runs table, drawn from the rows file", async () => {
    await page.goto(`${server.url}${folder}reports/long/${index}`);
    const table = page.locator('[data-runfolio-table][data-ready="true"]');
    await table.waitFor();
    await table.locator(".rf-page-next").click();
    const link = table.locator(`tbody tr[data-run="${TARGET.id}"] a`);
    expect(await link.getAttribute("href")).toBe(`${up(2)}${runPath(TARGET.id)}${index}`);
    await clickTo(link);
    expect(errors).toEqual([]);
  });

  it("opens the run page from the explorer", async () => {
    await page.goto(`${server.url}${folder}runs/${index}${explorerQueryFor(`name = "${TARGET.name}"`)}`);
    await page.locator(".rf-explorer-controls").waitFor({ state: "visible" });
    const link = page.locator(`.rf-explorer-table tbody tr[data-run="${TARGET.id}"] a`).first();
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`${up(1)}${runPath(TARGET.id)}${index}`);
    await clickTo(link);
    expect(errors).toEqual([]);
  });

  it("opens the run page from a search result", async () => {
    await page.goto(`${server.url}${folder}search/${index}?q=${encodeURIComponent("number 125")}`);
    const link = page.locator(".rf-search-results a", { hasText: TARGET.name });
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`${up(1)}${runPath(TARGET.id)}${index}`);
    await clickTo(link);
    expect(errors).toEqual([]);
  });
});
