import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/core/site/contentSecurityPolicy.ts";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { hostileDataDir, recordViolations, violations } from "../helpers/hostileSite.ts";
import { serveStatic } from "../helpers/serveStatic.ts";

const rawOutDir = path.join(repoRoot, "test-artifacts/hostile-site-allow-html");

describe("with RUNFOLIO_ALLOW_HTML=1, raw prose HTML is kept and the policy still stops it", () => {
  beforeAll(async () => {
    await rm(rawOutDir, { recursive: true, force: true });
    const result = await buildSite({ dataDir: hostileDataDir, outDir: rawOutDir, cacheDir: path.join(repoRoot, "test-artifacts/cache-hostile-raw"), env: { RUNFOLIO_ALLOW_HTML: "1" } });
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
