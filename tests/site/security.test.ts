import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { parse as parseHtml } from "node-html-parser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";

/**
 * tests/fixtures/hostile-site: runs whose name, notes, tags, group, git, config keys and values and
 * metric names are markup, and a report whose title, description, authors and block titles are
 * too. Built, then served with a strict Content-Security-Policy: every string must show as text,
 * nothing may run, and charts must still hydrate without a single CSP violation.
 */
const HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", `"'><svg onload=alert(1)>`];
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'";
const dataDir = path.join(repoRoot, "tests/fixtures/hostile-site");
const outDir = path.join(repoRoot, "test-artifacts/hostile-site");
const RUNS = ["evil/img", "evil/script", "evil/svg"];

describe("hostile run and report text", () => {
  beforeAll(async () => {
    await rm(outDir, { recursive: true, force: true });
    const result = await buildSite({ dataDir, outDir, cacheDir: path.join(repoRoot, "test-artifacts/cache-hostile") });
    if (result.code !== 0) throw new Error(`building the hostile site failed:\n${result.output}`);
  });

  it("builds to pages with no injected element, handler or inline script", async () => {
    const files = (await fg("**/*.html", { cwd: outDir })).sort();
    // Every page is checked below; these are the ones that carry the hostile text.
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "reports/hostile/index.html",
        "runs/evil/img/index.html",
        "runs/evil/script/index.html",
        "runs/evil/svg/index.html",
        "runs/index.html",
      ]),
    );
    for (const file of files) {
      const html = await readFile(path.join(outDir, file), "utf8");
      const doc = parseHtml(html);
      expect(doc.querySelectorAll("img").length, file).toBe(0);
      const handlers = doc
        .querySelectorAll("*")
        .flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)).map((a) => `${el.tagName} ${a}`));
      expect(handlers, file).toEqual([]);
      for (const s of doc.querySelectorAll("script")) {
        const external = s.getAttribute("src") !== undefined;
        expect(external || s.getAttribute("type") === "application/json", `${file}: ${s.toString().slice(0, 120)}`).toBe(true);
        if (!external) expect(() => JSON.parse(s.textContent), file).not.toThrow();
      }
      // Nested <svg> only as the build-time charts, the run colour swatch and legend swatches.
      for (const svg of doc.querySelectorAll("svg")) {
        const ok = svg.parentNode?.hasAttribute("data-runfolio-chart") || svg.classList.contains("swatch") || svg.classList.contains("rf-swatch");
        expect(ok, `${file}: ${svg.toString().slice(0, 120)}`).toBe(true);
      }
      expect(doc.querySelectorAll("[style]").length, file).toBe(0);
    }
    // The hydration payload carries the names exactly, in JSON that cannot close its <script>.
    const report = parseHtml(await readFile(path.join(outDir, "reports/hostile/index.html"), "utf8"));
    const payloads = report.querySelectorAll("script.rf-chart-data");
    expect(payloads.length).toBe(2);
    for (const p of payloads) expect(p.innerHTML).not.toMatch(/<\/script|<!--/i);
    const names = (JSON.parse(payloads[0]!.textContent) as { data: { series: { name: string }[] } }).data.series.map((s) => s.name);
    expect(names.sort()).toEqual([...HOSTILE].sort());
  });

  describe.runIf(chromiumAvailable())("in Chromium under a strict Content-Security-Policy", () => {
    let browser: Browser;
    let context: BrowserContext;
    let server: StaticServer;
    let page: Page;
    const dialogs: string[] = [];
    const consoleMessages: string[] = [];
    const pageErrors: string[] = [];
    const failed: string[] = [];

    beforeAll(async () => {
      server = await serveStatic(outDir, { "content-security-policy": CSP });
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      // Injected by the browser (not the page), so the CSP does not apply to it.
      await context.addInitScript(() => {
        const w = window as unknown as { __cspViolations: string[] };
        w.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", (e) => {
          w.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}: ${e.sample}`);
        });
      });
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
    });

    /** Open a page, hydrate every chart on it, and return what it says and what it reported. */
    async function visit(rel: string): Promise<{ text: string; charts: number; violations: string[] }> {
      for (const list of [dialogs, consoleMessages, pageErrors, failed]) list.length = 0;
      const response = await page.goto(`${server.url}/${rel}`);
      expect(response?.headers()["content-security-policy"]).toBe(CSP);
      await page.waitForLoadState("load");
      const charts = page.locator("figure[data-runfolio-chart]");
      const n = await charts.count();
      for (let i = 0; i < n; i++) {
        await charts.nth(i).scrollIntoViewIfNeeded();
        await expect.poll(() => charts.nth(i).getAttribute("data-hydrated")).toBe("true");
      }
      const text = await page.locator("body").innerText();
      const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
      return { text, charts: n, violations };
    }

    const expectQuiet = (violations: string[]) => {
      expect(dialogs).toEqual([]);
      expect(violations).toEqual([]);
      expect(pageErrors).toEqual([]);
      expect(consoleMessages).toEqual([]);
      expect(failed).toEqual([]);
    };

    it("home shows the report's title, description and authors as text", async () => {
      const { text, violations } = await visit("");
      for (const s of HOSTILE) expect(text).toContain(s);
      expect(await page.locator(".cards h3 a").innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
      expectQuiet(violations);
    });

    it("the report hydrates its charts, and its title, blocks, table and tooltip stay text", async () => {
      const { text, charts, violations } = await visit("reports/hostile/");
      expect(charts).toBe(2);
      expect(await page.title()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]} · Runfolio`);
      expect(await page.locator("h1").innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
      expect(await page.locator(".lede").innerText()).toBe(`${HOSTILE[2]} in the description`);
      expect(await page.locator("figcaption").first().innerText()).toBe(HOSTILE.join(" "));
      expect(await page.locator("table.rf-table > caption").innerText()).toBe(`${HOSTILE[1]} ${HOSTILE[2]}`);
      for (const s of HOSTILE) expect(text).toContain(s);
      expect(await page.locator("code", { hasText: "onerror" }).innerText()).toBe(HOSTILE[0]);
      // Table rows: name, group, tags, notes, config values, hostile-named summary column.
      const rows = await page.locator(".rf-table tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
      expect(rows.length).toBe(3);
      for (const s of HOSTILE) expect(rows.filter((r) => r.includes(s)).length).toBe(3);
      expect(await page.locator(".rf-table thead th").last().innerText()).toBe(`\`${HOSTILE[0]}\``);

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
      expectQuiet(violations);
      expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    });

    it("the runs page lists every run's name, group and tags as text", async () => {
      const { text, violations } = await visit("runs/");
      for (const s of HOSTILE) expect(text).toContain(s);
      const links = await page.locator(".rf-table a").allInnerTexts();
      expect([...links].sort()).toEqual([...HOSTILE].sort());
      expectQuiet(violations);
    });

    for (const [i, id] of RUNS.entries()) {
      it(`run page ${id} shows its name, notes, tags, group, git, config and metrics as text`, async () => {
        const { text, charts, violations } = await visit(`runs/${id}/`);
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
        expectQuiet(violations);
      });
    }
  });
});
