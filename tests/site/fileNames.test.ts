import { existsSync } from "node:fs";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCompareState } from "../../src/core/compare/compareState.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import { runDataPath, runOutputFiles, runPath, runPreviewImagePath, sourceFilePath } from "../../src/core/paths/runPath.ts";
import { buildLinks } from "../../src/core/site/buildInfo.ts";
import { readBuildInfo } from "../../src/integration/readBuildInfo.ts";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, sharedBuildOut } from "../helpers/sharedBuild.ts";

/**
 * tests/fixtures/hostile-site/runs/file names/: runs whose project and file names hold spaces,
 * quotes, `&`, `+`, `=`, `,`, `;`, `@`, brackets, `!~$`, a leading dash, unicode and a long name.
 * Built and served the way static hosts serve (paths percent-decoded to file names): each run's
 * page, JSON and preview image answer at the path `core/paths/runPath.ts` gives, and
 * every link to them — on the run page, in the explorer, on the compare page — reaches them.
 */
const dataDir = path.join(repoRoot, "tests/fixtures/hostile-site");
/** The hostile fixture's site, built once per vitest run for every test file that reads it. */
const outDir = sharedBuildOut(dataDir);
const PROJECT = "file names";
const PNG = [0x89, 0x50, 0x4e, 0x47];

describe("runs whose file names need encoding", () => {
  let runs: Run[];
  let server: StaticServer;
  const get = (rel: string) => fetch(new URL(rel, `${server.url}/`));

  beforeAll(async () => {
    const result = await sharedBuild(dataDir);
    if (result.code !== 0) throw new Error(`building the hostile site failed:\n${result.output}`);
    runs = (await loadAllRuns(dataDir)).runs.filter((r) => r.project === PROJECT);
    server = await serveStatic(outDir);
  }, 300_000);

  afterAll(async () => {
    await server?.close();
  });

  it("has the runs the fixture names", () => {
    expect(runs.map((r) => r.id.slice(PROJECT.length + 1)).sort()).toEqual(
      ["-leading-dash", "Läufe-日本語-🚀", "UPPER-lower", "a b", "at@(x)[y]{z}", "bang!~$", "café", "it's & more", `long-${"x".repeat(115)}`, "plus+eq=1,2;3", "sp ace"].sort(),
    );
  });

  it("serves each run's page, JSON and preview image at its encoded path", async () => {
    for (const run of runs) {
      const page = await get(runPath(run.id));
      expect(page.status, run.id).toBe(200);
      const doc = parseHtml(await page.text());
      expect(doc.querySelector("h1")!.text, run.id).toContain(run.name);

      const data = await get(runDataPath(run.id));
      expect(data.status, run.id).toBe(200);
      expect(((await data.json()) as { run: { id: string } }).run.id).toBe(run.id);

      const png = new Uint8Array(await (await get(runPreviewImagePath(run.id))).arrayBuffer());
      expect([...png.subarray(0, 4)], run.id).toEqual(PNG);

      // The files RUN039's check reasons about are the ones the build wrote.
      for (const file of runOutputFiles(run.id)) expect(existsSync(path.join(outDir, file)), file).toBe(true);

      // Not copied by default (copySourceFiles): the page names each file where git has it.
      for (const file of run.source.files) expect((await get(sourceFilePath(file))).status, file).toBe(404);
    }
  });

  it("names each source file on its run page as the build's git says: the file at the commit on the forge, or its path", async () => {
    const built = buildLinks(readBuildInfo(dataDir, {}), false);
    for (const run of runs) {
      const items = parseHtml(await (await get(runPath(run.id))).text()).querySelectorAll(".rf-downloads li[data-rf-source]");
      expect(items.length, run.id).toBe(run.source.files.length);
      run.source.files.forEach((file, k) => {
        const link = built.sourceFile(file);
        if (link.kind === "forge") expect(items[k]!.querySelector("a")!.getAttribute("href"), file).toBe(link.url);
        else if (link.kind === "path") expect(items[k]!.querySelector("code")!.text, file).toBe(link.repoPath);
        else expect.unreachable(`${file} was copied`);
      });
    }
  });

  it("links from each run page to files that exist: downloads, data, preview, styles and scripts", async () => {
    for (const run of runs) {
      const pageUrl = new URL(runPath(run.id), `${server.url}/`);
      const doc = parseHtml(await (await fetch(pageUrl)).text());
      const refs = [
        ...doc.querySelectorAll("a[href], link[href]").map((e) => e.getAttribute("href")!),
        ...doc.querySelectorAll("script[src]").map((e) => e.getAttribute("src")!),
        ...doc.querySelectorAll('meta[property="og:image"]').map((e) => e.getAttribute("content")!),
      ];
      const local = [...new Set(refs.map((r) => new URL(r, pageUrl)).filter((u) => u.origin === server.url).map((u) => u.origin + u.pathname))];
      expect(local).toContain(new URL(runDataPath(run.id), `${server.url}/`).href);
      for (const u of local) expect((await fetch(u)).status, `${run.id}: ${u}`).toBe(200);
    }
  });

  it("links every run from the explorer's page as built", async () => {
    const doc = parseHtml(await (await get("runs/")).text());
    const hrefs = new Set(doc.querySelectorAll("a[href]").map((a) => a.getAttribute("href")!));
    for (const run of runs) expect(hrefs, run.id).toContain(`/${runPath(run.id)}`);
  });

  describe.runIf(chromiumAvailable())("in Chromium", () => {
    let browser: Browser;
    let page: Page;
    const failed: string[] = [];
    const errors: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage();
      page.on("response", (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      page.on("pageerror", (e) => errors.push(String(e)));
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    it("the explorer's table links each run to its page", async () => {
      failed.length = 0;
      await page.goto(`${server.url}/runs/?project=${encodeURIComponent(PROJECT)}`);
      const links = page.locator('#rf-explorer .rf-explorer-tables a[href*="/runs/file%20names/"]');
      await expect.poll(() => links.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(runs.length);
      const hrefs = new Set(await links.evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)));
      for (const run of runs) expect(hrefs, run.id).toContain(`/${runPath(run.id)}`);
      for (const h of hrefs) expect((await fetch(`${server.url}${h}`)).status, h).toBe(200);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
    }, 60_000);

    it("the compare page loads every run's JSON and shows every run", async () => {
      failed.length = 0;
      const ids = runs.map((r) => r.id);
      await page.goto(`${server.url}/compare/${formatCompareState({ runs: ids, show: "differing" })}`);
      const table = page.locator("#rf-compare table.rf-compare");
      await table.waitFor({ timeout: 30_000 });
      const text = await table.innerText();
      for (const run of runs) expect(text, run.id).toContain(run.name);
      const links = new Set(await table.locator("a[href]").evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname)));
      for (const run of runs) expect(links, run.id).toContain(`/${runPath(run.id)}`);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
    }, 60_000);
  });
});
