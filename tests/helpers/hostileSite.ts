import { readFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { parse as parseHtml } from "node-html-parser";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/core/site/contentSecurityPolicy.ts";
import { repoRoot } from "./buildSite.ts";
import { launchChromium } from "./chromium.ts";
import { serveStatic, type StaticServer } from "./serveStatic.ts";
import { sharedBuild, sharedBuildOut } from "./sharedBuild.ts";
import { exampleOut } from "../site/buildExampleSite.ts";

/**
 * tests/fixtures/hostile-site: runs whose name, notes, tags, group, git, config keys and values and
 * metric names are markup or `javascript:` URLs, and a report whose title, description, authors,
 * block titles and prose are too. Built with the default options, then served with no header at
 * all: the Content-Security-Policy every page carries in its own `<meta>` must hold. Every run
 * string must show as text, the prose's raw HTML must be sanitized, nothing may run, and every
 * page of this site and of the example site must work with not a single CSP violation.
 */
export const HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", `"'><svg onload=alert(1)>`];
export const hostileDataDir = path.join(repoRoot, "tests/fixtures/hostile-site");
/** The hostile fixture's site, built once per vitest run for every test file that reads it. */
export const hostileOut = sharedBuildOut(hostileDataDir);
export const HOSTILE_RUNS = ["evil/img", "evil/script", "evil/svg"];
/** Run projects other suites add to this site (file names: fileNames.test.ts; long text: limits.test.ts). */
export const OTHER_PROJECTS = ["file names", "limits-hostile"];

export interface VectorRun {
  name: string;
  group: string;
  tags: string[];
  notes: string;
  git: { branch: string; remote: string };
  config: Record<string, string>;
}

/** Every page of a built site, as paths relative to its root. */
export const pagesOf = async (dir: string): Promise<string[]> => (await fg("**/*.html", { cwd: dir })).sort();

export const urlAttributes = ["href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster"];

/** Builds the hostile site once per vitest run (shared); checks the build's warnings; returns the vector run. */
export async function buildHostileSite(): Promise<VectorRun> {
  const vectors = JSON.parse(await readFile(path.join(hostileDataDir, "runs/xss/vectors.json"), "utf8")) as VectorRun;
  const result = await sharedBuild(hostileDataDir);
  if (result.code !== 0) throw new Error(`building the hostile site failed:\n${result.output}`);
  // The prose's removals are warnings of the build, at their lines.
  for (const warning of [
    "12:37: warning REPORT007: raw HTML <script> removed",
    "13:44: warning REPORT008: attribute `onerror` removed from <img>",
    "13:83: warning REPORT008: attribute `onload` removed from <img>",
    "14:17: warning REPORT009: `javascript:` URL removed from the `href` of <a> (3 times in this report; the first is here)",
    "15:58: warning REPORT008: attribute `style` removed from <span>",
    "17:15: warning REPORT008: attribute `ontoggle` removed from <details>",
    "23:1: warning REPORT007: raw HTML <iframe> removed",
    "24:1: warning REPORT007: raw HTML <object> removed",
    "24:35: warning REPORT007: raw HTML <form> removed",
    "24:70: warning REPORT007: raw HTML <button> removed",
    "25:1: warning REPORT007: raw HTML <style> removed",
  ]) {
    expect(result.output).toContain(`reports/hostile.md:${warning}\n`);
  }
  return vectors;
}

export interface PolicyBrowser {
  page: Page;
  /** The hostile site and the example site, served with no header at all. */
  server: StaticServer;
  exampleServer: StaticServer;
  /** Open a page, hydrate every chart on it, and return what it says and what it reported. */
  visit: (url: string) => Promise<{ text: string; charts: number; violations: string[] }>;
  /** Nothing ran, nothing was blocked, nothing failed. */
  expectQuiet: (where: string) => Promise<void>;
  close: () => Promise<void>;
}

/** Chromium on both sites, recording CSP violations, dialogs, console errors and failed requests. */
export async function openPolicyBrowser(): Promise<PolicyBrowser> {
  const dialogs: string[] = [];
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  const failed: string[] = [];
  // No CSP header: the pages must carry the policy themselves.
  const server = await serveStatic(hostileOut);
  const exampleServer = await serveStatic(exampleOut);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await context.addInitScript(recordViolations);
  const page = await context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") consoleMessages.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });

  /** Open a page, hydrate every chart on it, and return what it says and what it reported. */
  async function visit(url: string): Promise<{ text: string; charts: number; violations: string[] }> {
    for (const list of [dialogs, consoleMessages, pageErrors, failed]) list.length = 0;
    const response = await page.goto(url);
    expect(response?.headers()["content-security-policy"]).toBeUndefined();
    await page.waitForLoadState("load");
    expect(await page.evaluate(() => document.head.firstElementChild?.getAttribute("content"))).toBe(CONTENT_SECURITY_POLICY);
    const charts = page.locator("figure[data-runfolio-chart]");
    const n = await charts.count();
    for (let i = 0; i < n; i++) {
      await charts.nth(i).scrollIntoViewIfNeeded();
      await expect.poll(() => charts.nth(i).getAttribute("data-hydrated")).toBe("true");
    }
    const text = await page.locator("body").innerText();
    return { text, charts: n, violations: await violations(page) };
  }

  /** Nothing ran, nothing was blocked, nothing failed. */
  async function expectQuiet(where: string): Promise<void> {
    expect(await violations(page), where).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), where).toBeUndefined();
    expect(dialogs, where).toEqual([]);
    expect(pageErrors, where).toEqual([]);
    expect(consoleMessages, where).toEqual([]);
    expect(failed, where).toEqual([]);
  }
  return {
    page,
    server,
    exampleServer,
    visit,
    expectQuiet,
    close: async () => {
      await browser.close();
      await server.close();
      await exampleServer.close();
    },
  };
}

/**
 * The page starts its head with the policy, and has nothing the policy would refuse: no inline
 * script but JSON data, no `<style>`, no `style` attribute. Returns the parsed page.
 */
export async function expectPolicyHolds(dir: string, file: string): Promise<ReturnType<typeof parseHtml>> {
  const doc = parseHtml(await readFile(path.join(dir, file), "utf8"));
  const first = doc.querySelector("head")!.childNodes.find((n) => n.nodeType === 1);
  expect(first?.toString(), file).toBe(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
  expect(doc.querySelectorAll("meta[http-equiv]").length, file).toBe(1);
  for (const s of doc.querySelectorAll("script")) {
    const external = s.getAttribute("src") !== undefined;
    expect(external || s.getAttribute("type") === "application/json", `${file}: ${s.toString().slice(0, 120)}`).toBe(true);
    // Data moved to a file of the site (core/report/blockDataFiles.ts): JSON there too; a chart's script is then empty.
    const dataFile = s.getAttribute("data-file");
    if (dataFile) {
      const text = await readFile(path.join(dir, dataFile), "utf8");
      expect(() => JSON.parse(text), `${file}: ${dataFile}`).not.toThrow();
    }
    if (!external && !(dataFile && s.textContent === "")) expect(() => JSON.parse(s.textContent), file).not.toThrow();
  }
  expect(doc.querySelectorAll("style").length, file).toBe(0);
  expect(doc.querySelectorAll("[style]").map((el) => el.toString().slice(0, 120)), file).toEqual([]);
  return doc;
}

// The browser calls it in every page before the page's own scripts (the policy does not apply).
export function recordViolations(): void {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}: ${e.sample}`);
  });
}

export const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/**
 * Uses what the page has, so code loaded on demand runs under the policy too: hovers a chart,
 * exports it as PNG (drawn through a `data:` image), sorts a runs table, filters the explorer and
 * the config tree, searches. Returns the kinds of things it used.
 */
export async function exercise(page: Page): Promise<string[]> {
  const used: string[] = [];
  const chart = page.locator("figure[data-runfolio-chart][data-hydrated='true']").first();
  if (await chart.count()) {
    used.push("chart");
    await chart.scrollIntoViewIfNeeded();
    const box = await chart.locator(":scope > svg, :scope canvas").first().boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
      await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4);
    }
    const menu = page.locator("details.rf-chart-menu").first();
    if (await menu.count()) {
      used.push("export");
      await menu.scrollIntoViewIfNeeded();
      await menu.locator("summary").click();
      const download = page.waitForEvent("download");
      await menu.locator("button", { hasText: "PNG" }).click();
      expect((await download).suggestedFilename()).toMatch(/\.png$/);
    }
    await page.mouse.move(0, 0);
  }
  const sort = page.locator("table[data-runfolio-table] button.rf-sort, [data-runfolio-table] button.rf-sort").first();
  if (await sort.count()) {
    used.push("table");
    await sort.click();
  }
  const filter = page.locator("#rf-q");
  // The explorer shows its controls once its worker posts the first page: on a busy machine, after `load`.
  if (await page.locator("#rf-explorer").count()) await filter.waitFor({ state: "visible" });
  if (await filter.isVisible()) {
    used.push("explorer");
    await filter.fill('name ~ "e"');
    await filter.press("Enter");
    await page.locator(".rf-column-picker summary").click();
  }
  const config = page.locator("#rf-config-q");
  if (await config.isVisible()) {
    used.push("config");
    await config.fill("a");
  }
  const search = page.locator("#rf-search-input");
  if (await search.isVisible()) {
    used.push("search");
    await search.fill("loss");
    await search.press("Enter");
  }
  await page.waitForLoadState("networkidle");
  return used;
}
