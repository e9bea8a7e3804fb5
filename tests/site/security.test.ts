import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/core/site/contentSecurityPolicy.ts";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild, sharedBuildOut } from "../helpers/sharedBuild.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * tests/fixtures/hostile-site: runs whose name, notes, tags, group, git, config keys and values and
 * metric names are markup or `javascript:` URLs, and a report whose title, description, authors,
 * block titles and prose are too. Built with the default options, then served with no header at
 * all: the Content-Security-Policy every page carries in its own `<meta>` must hold. Every run
 * string must show as text, the prose's raw HTML must be sanitized, nothing may run, and every
 * page of this site and of the example site must work with not a single CSP violation.
 */
const HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", `"'><svg onload=alert(1)>`];
const dataDir = path.join(repoRoot, "tests/fixtures/hostile-site");
/** The hostile fixture's site, built once per vitest run for every test file that reads it. */
const outDir = sharedBuildOut(dataDir);
const rawOutDir = path.join(repoRoot, "test-artifacts/hostile-site-allow-html");
const RUNS = ["evil/img", "evil/script", "evil/svg"];
/** Run projects other suites add to this site (file names: fileNames.test.ts; long text: limits.test.ts). */
const OTHER_PROJECTS = ["file names", "limits-hostile"];

interface VectorRun {
  name: string;
  group: string;
  tags: string[];
  notes: string;
  git: { branch: string; remote: string };
  config: Record<string, string>;
}

/** Every page of a built site, as paths relative to its root. */
const pagesOf = async (dir: string): Promise<string[]> => (await fg("**/*.html", { cwd: dir })).sort();

const urlAttributes = ["href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster"];

describe("hostile run and report text", () => {
  let vectors: VectorRun;

  beforeAll(async () => {
    vectors = JSON.parse(await readFile(path.join(dataDir, "runs/xss/vectors.json"), "utf8")) as VectorRun;
    const result = await sharedBuild(dataDir);
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
  }, 300_000);

  it("builds to pages with the policy first in their head and no injected element, handler, URL or inline script", async () => {
    const files = await pagesOf(outDir);
    // Every page is checked below; these are the ones that carry the hostile text.
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "reports/hostile/index.html",
        "runs/evil/img/index.html",
        "runs/evil/script/index.html",
        "runs/evil/svg/index.html",
        "runs/xss/vectors/index.html",
        "runs/index.html",
      ]),
    );
    for (const file of files) {
      const doc = await expectPolicyHolds(outDir, file);
      // The one image is the report's own (sanitized) one, from the site itself.
      const images = doc.querySelectorAll("img").map((el) => el.toString());
      expect(images, file).toEqual(file === "reports/hostile/index.html" ? ['<img src="../../favicon.svg" alt="an icon">'] : []);
      const handlers = doc
        .querySelectorAll("*")
        .flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)).map((a) => `${el.tagName} ${a}`));
      expect(handlers, file).toEqual([]);
      const urls = doc.querySelectorAll("*").flatMap((el) => urlAttributes.map((a) => el.getAttribute(a)).filter((v): v is string => v !== undefined));
      expect(urls.filter((u) => /^\s*(javascript|vbscript|data):/i.test(u)), file).toEqual([]);
      for (const tag of ["iframe", "object", "embed", "base", "details[ontoggle]"]) expect(doc.querySelectorAll(tag).length, `${file}: ${tag}`).toBe(0);
      // Nested <svg> only as the build-time charts, the run colour swatch and legend swatches.
      for (const svg of doc.querySelectorAll("svg")) {
        const ok = svg.parentNode?.hasAttribute("data-runfolio-chart") || svg.classList.contains("swatch") || svg.classList.contains("rf-swatch");
        expect(ok, `${file}: ${svg.toString().slice(0, 120)}`).toBe(true);
      }
    }
    // The hydration payload carries the names exactly, in JSON that cannot close its <script>.
    const report = parseHtml(await readFile(path.join(outDir, "reports/hostile/index.html"), "utf8"));
    const payloads = report.querySelectorAll("script.rf-chart-data");
    expect(payloads.length).toBe(3);
    for (const p of payloads) expect(p.innerHTML).not.toMatch(/<\/script|<!--/i);
    const names = (JSON.parse(payloads[0]!.textContent) as { data: { series: { name: string }[] } }).data.series.map((s) => s.name);
    expect(names.sort()).toEqual([...HOSTILE].sort());
    expect((JSON.parse(payloads[2]!.textContent) as { data: { series: { name: string }[] } }).data.series.map((s) => s.name)).toEqual([vectors.name]);
  });

  it("builds the example site to pages with the policy first in their head and no inline script or style", async () => {
    const files = await pagesOf(exampleOut);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) await expectPolicyHolds(exampleOut, file);
  });

  describe.runIf(chromiumAvailable())("in Chromium, under the policy of the pages' own meta tag", () => {
    let browser: Browser;
    let context: BrowserContext;
    let server: StaticServer;
    let exampleServer: StaticServer;
    let page: Page;
    const dialogs: string[] = [];
    const consoleMessages: string[] = [];
    const pageErrors: string[] = [];
    const failed: string[] = [];

    beforeAll(async () => {
      // No CSP header: the pages must carry the policy themselves.
      server = await serveStatic(outDir);
      exampleServer = await serveStatic(exampleOut);
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
      await context.addInitScript(recordViolations);
      page = await context.newPage();
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
    });

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await exampleServer?.close();
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

    it("home shows the report's title, description and authors as text", async () => {
      const { text } = await visit(`${server.url}/`);
      for (const s of HOSTILE) expect(text).toContain(s);
      // The site also holds the long-text report (tests/site/limits.test.ts).
      expect(await page.locator('.cards h3 a[href$="/reports/hostile/"]').innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
      await expectQuiet("home");
    });

    it("the report hydrates its charts, and its title, blocks, table and tooltip stay text", async () => {
      const { text, charts } = await visit(`${server.url}/reports/hostile/`);
      expect(charts).toBe(3);
      expect(await page.title()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]} · Runfolio`);
      expect(await page.locator("h1").innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
      expect(await page.locator(".lede").innerText()).toBe(`${HOSTILE[2]} in the description`);
      expect(await page.locator("figcaption").first().innerText()).toBe(HOSTILE.join(" "));
      expect(await page.locator("table.rf-table > caption").first().innerText()).toBe(`${HOSTILE[1]} ${HOSTILE[2]}`);
      for (const s of HOSTILE) expect(text).toContain(s);
      expect(await page.locator("code", { hasText: "onerror" }).innerText()).toBe(HOSTILE[0]);
      // Table rows: name, group, tags, notes, config values, hostile-named summary column.
      const table = page.locator(".rf-table").first();
      const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
      expect(rows.length).toBe(3);
      for (const s of HOSTILE) expect(rows.filter((r) => r.includes(s)).length).toBe(3);
      expect(await table.locator("thead th").last().innerText()).toBe(`\`${HOSTILE[0]}\``);

      // The line chart's tooltip (built with textContent) shows a run name as text.
      const chart = page.locator("figure[data-runfolio-chart]").first();
      await chart.scrollIntoViewIfNeeded();
      const view = chart.locator(":scope > svg").first();
      const box = (await view.boundingBox())!;
      let tip = "";
      for (let fx = 0.1; fx <= 0.75 && !tip; fx += 0.04) {
        for (let fy = 0.05; fy <= 0.95 && !tip; fy += 0.05) {
          await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
          const el = chart.locator(".rf-chart-tooltip:not([hidden])");
          if (await el.count()) tip = (await el.innerText()).trim();
        }
      }
      expect(HOSTILE.some((s) => tip.includes(s)), `tooltip: ${tip}`).toBe(true);
      expect(await chart.locator(".rf-chart-tooltip img, .rf-chart-tooltip svg, .rf-chart-tooltip script").count()).toBe(0);
      await page.mouse.move(0, 0);
      await expectQuiet("report");
    });

    it("the report's prose keeps its text and its allowed markup, without what was removed", async () => {
      await visit(`${server.url}/reports/hostile/`);
      const prose = page.locator("article");
      expect(await prose.locator("iframe, object, embed, form, style, script:not([type='application/json'])").count()).toBe(0);
      expect(await prose.locator("a", { hasText: "a script link" }).getAttribute("href")).toBeNull();
      expect(await prose.locator("a", { hasText: "a mixed-case one" }).getAttribute("href")).toBeNull();
      expect(await prose.locator("a", { hasText: "javascript:alert(1)" }).first().getAttribute("href")).toBeNull();
      expect(await prose.locator("span", { hasText: "styled" }).getAttribute("style")).toBeNull();
      expect(await prose.locator("img[alt='an icon']").evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
      // The details stay, open, and toggling them runs nothing.
      const details = prose.locator("details", { hasText: "Toggled details" });
      expect(await details.getAttribute("open")).toBe("");
      await details.locator("summary").click();
      await details.locator("summary").click();
      expect(await details.locator("p").innerText()).toBe("Inside the details.");
      await expectQuiet("report prose");
    });

    it("the vectors in a block's YAML title and a run's fields stay text in the report", async () => {
      await visit(`${server.url}/reports/hostile/`);
      expect(await page.locator("figcaption").nth(2).innerText()).toBe(`<details open ontoggle=alert(1)>x <iframe srcdoc="<script>alert(1)</script>"></iframe> javascript:alert(1)`);
      const table = page.locator(".rf-table").last();
      expect(await table.locator("caption").innerText()).toBe('<details open ontoggle=alert(1)>table <a href="javascript:alert(1)">x</a>');
      const row = await table.locator("tbody tr").innerText();
      for (const s of [vectors.name, vectors.group, ...vectors.tags, vectors.notes, vectors.config.payload!, vectors.config.url!]) expect(row).toContain(s);
      await expectQuiet("report blocks");
    });

    it("the runs page lists every run's name, group and tags as text", async () => {
      const { text } = await visit(`${server.url}/runs/`);
      for (const s of HOSTILE) expect(text).toContain(s);
      // The runs of the "file names" project (tests/site/fileNames.test.ts) are listed beside these.
      // Run links of the other suites' projects are listed beside these (their href names the project).
      const rows = await page.locator(".rf-table tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("a")].map((a) => ({ text: a.innerText, href: decodeURIComponent(a.getAttribute("href") ?? "") }))),
      );
      const ours = rows.filter((links) => !links.some((a) => OTHER_PROJECTS.some((p) => a.href.includes(`/runs/${p}/`))));
      expect(ours.length).toBeGreaterThan(0);
      const links = ours.flat().map((a) => a.text);
      expect(new Set(links)).toEqual(new Set([...HOSTILE, vectors.name]));
      await expectQuiet("runs");
    });

    for (const [i, id] of RUNS.entries()) {
      it(`run page ${id} shows its name, notes, tags, group, git, config and metrics as text`, async () => {
        const { text, charts } = await visit(`${server.url}/runs/${id}/`);
        expect(charts).toBe(4);
        expect(await page.locator("h1").innerText()).toContain(HOSTILE[i]!);
        expect(await page.title()).toBe(`${HOSTILE[i]} · Runfolio`);
        expect(await page.locator(".notes").innerText()).toBe(`notes: ${HOSTILE[i]} then ${HOSTILE[(i + 1) % 3]} then ${HOSTILE[(i + 2) % 3]}`);
        const captions = await page.locator("figcaption").allInnerTexts();
        expect([...captions].sort()).toEqual([...HOSTILE, "loss"].sort());
        const configValues = await page.locator(".config-tree .val").allInnerTexts();
        expect(configValues).toContain(HOSTILE[i]);
        expect(await page.locator(".config-tree .key").allInnerTexts()).toContain(HOSTILE[i]);
        for (const s of HOSTILE) expect(text).toContain(s);
        await expectQuiet(id);
      });
    }

    it("run page xss/vectors shows its `javascript:` and markup fields as text, none as a link", async () => {
      const { text } = await visit(`${server.url}/runs/xss/vectors/`);
      expect(await page.locator("h1").innerText()).toContain(vectors.name);
      // Notes are markdown whose raw HTML shows as text and whose unsafe links are text.
      expect(await page.locator(".notes").innerText()).toBe(`notes link javascript:alert(1) <img src=x onerror="window.__pwned='notes'">`);
      expect(await page.locator(".notes a").count()).toBe(0);
      for (const s of [vectors.group, ...vectors.tags, vectors.git.branch, vectors.git.remote]) expect(text).toContain(s);
      const configValues = await page.locator(".config-tree .val").allInnerTexts();
      for (const v of Object.values(vectors.config)) expect(configValues).toContain(v);
      expect(await page.locator(".config-tree .key").allInnerTexts()).toContain("<details open ontoggle=alert(1)>");
      const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
      expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
      await expectQuiet("xss/vectors");
    });

    for (const [site, dir] of [
      ["hostile", outDir],
      ["example", exampleOut],
    ] as const) {
      it(`every page of the ${site} site works under the policy, interacted with, with no violation`, async () => {
        const base = site === "hostile" ? server.url : exampleServer.url;
        const files = await pagesOf(dir);
        expect(files.length).toBeGreaterThan(site === "hostile" ? 8 : 40);
        const compareLinks = new Set<string>();
        const kinds = new Set<string>();
        for (const file of files) {
          const rel = file.replace(/(^|\/)index\.html$/, "$1");
          await visit(`${base}/${rel}`);
          for (const kind of await exercise(page)) kinds.add(kind);
          for (const href of await page.locator("a[href*='compare/?']").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) compareLinks.add(href);
          await expectQuiet(`${site}: ${file}`);
        }
        // The compare page with runs in its URL loads their data and draws its charts.
        const compare = [...compareLinks].sort()[0];
        if (compare) {
          await visit(compare);
          await page.waitForLoadState("networkidle");
          expect(await page.locator("#rf-compare svg").count()).toBeGreaterThan(0);
          await expectQuiet(`${site}: ${compare}`);
          kinds.add("compare");
        }
        expect([...kinds].sort()).toEqual(
          site === "hostile"
            ? ["chart", "config", "explorer", "export", "search", "table"]
            : ["chart", "compare", "config", "explorer", "export", "search", "table"],
        );
      }, 600_000);
    }
  });
});

/**
 * The page starts its head with the policy, and has nothing the policy would refuse: no inline
 * script but JSON data, no `<style>`, no `style` attribute. Returns the parsed page.
 */
async function expectPolicyHolds(dir: string, file: string): Promise<ReturnType<typeof parseHtml>> {
  const doc = parseHtml(await readFile(path.join(dir, file), "utf8"));
  const first = doc.querySelector("head")!.childNodes.find((n) => n.nodeType === 1);
  expect(first?.toString(), file).toBe(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
  expect(doc.querySelectorAll("meta[http-equiv]").length, file).toBe(1);
  for (const s of doc.querySelectorAll("script")) {
    const external = s.getAttribute("src") !== undefined;
    expect(external || s.getAttribute("type") === "application/json", `${file}: ${s.toString().slice(0, 120)}`).toBe(true);
    if (!external) expect(() => JSON.parse(s.textContent), file).not.toThrow();
  }
  expect(doc.querySelectorAll("style").length, file).toBe(0);
  expect(doc.querySelectorAll("[style]").map((el) => el.toString().slice(0, 120)), file).toEqual([]);
  return doc;
}

// The browser calls it in every page before the page's own scripts (the policy does not apply).
function recordViolations(): void {
  const w = window as unknown as { __cspViolations: string[] };
  w.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}: ${e.sample}`);
  });
}

const violations = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);

/**
 * Uses what the page has, so code loaded on demand runs under the policy too: hovers a chart,
 * exports it as PNG (drawn through a `data:` image), sorts a runs table, filters the explorer and
 * the config tree, searches. Returns the kinds of things it used.
 */
async function exercise(page: Page): Promise<string[]> {
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

describe("with RUNFOLIO_ALLOW_HTML=1, raw prose HTML is kept and the policy still stops it", () => {
  beforeAll(async () => {
    await rm(rawOutDir, { recursive: true, force: true });
    const result = await buildSite({ dataDir, outDir: rawOutDir, cacheDir: path.join(repoRoot, "test-artifacts/cache-hostile-raw"), env: { RUNFOLIO_ALLOW_HTML: "1" } });
    if (result.code !== 0) throw new Error(`building the hostile site with raw HTML failed:\n${result.output}`);
    expect(result.output).not.toMatch(/REPORT0(07|08|09|10)/);
  }, 300_000);

  it("keeps the prose's raw HTML, after the policy in the head", async () => {
    const doc = parseHtml(await readFile(path.join(rawOutDir, "reports/hostile/index.html"), "utf8"));
    expect(doc.querySelector("head")!.childNodes.find((n) => n.nodeType === 1)?.toString()).toBe(
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    );
    const article = doc.querySelector("article")!;
    expect(article.querySelectorAll("script:not([type])").map((s) => s.textContent)).toEqual(['window.__pwned = "prose script"']);
    expect(article.querySelector("details")!.getAttribute("ontoggle")).toBe("window.__pwned = 'prose details'");
    expect(article.querySelectorAll("iframe[srcdoc], style").length).toBe(2);
  });

  it.runIf(chromiumAvailable())("runs none of it in Chromium: every attempt is a reported violation", async () => {
    const server = await serveStatic(rawOutDir);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      await context.addInitScript(recordViolations);
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${server.url}/reports/hostile/`);
      await page.waitForLoadState("load");
      const details = page.locator("article details").first();
      await details.locator("summary").click();
      await details.locator("summary").click();
      const javascriptLink = page.locator("article a", { hasText: "a script link" });
      await javascriptLink.click();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      const directives = new Set((await violations(page)).map((v) => v.split(" ")[0]));
      // The inline <script> and the javascript: link, the handlers (onload, ontoggle), the
      // <object>, the style attribute and the <style> element.
      expect([...directives].sort()).toEqual(["object-src", "script-src-attr", "script-src-elem", "style-src-attr", "style-src-elem"]);
      // The charts still hydrate: the project's own scripts are files.
      await expect.poll(() => page.locator("figure[data-runfolio-chart]").first().getAttribute("data-hydrated"), { timeout: 15_000 }).toBe("true");
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
