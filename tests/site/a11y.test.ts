import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { exampleOut } from "./buildExampleSite.ts";

const AXE = path.join(repoRoot, "node_modules/axe-core/axe.min.js");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.x A/AA rules on each kind of page, after its scripts have run. */
describe.runIf(chromiumAvailable())("accessibility (axe-core)", () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let report: string;

  beforeAll(async () => {
    server = await serveStatic(exampleOut);
    browser = await launchChromium();
    // axe goes in as an inline script, which the pages' own Content-Security-Policy refuses.
    page = await browser.newPage({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
    report = (await readdir(path.join(exampleOut, "reports"))).sort()[0]!;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function serious(rel: string): Promise<string[]> {
    await page.goto(`${server.url}/${rel}`);
    await page.waitForLoadState("load");
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
      return result.violations;
    });
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`);
  }

  it.each([
    ["home", ""],
    ["explorer", "runs/"],
    ["explorer with a bad filter", "runs/?q=config.lr%20%3E%3D"],
    ["run page", "runs/nanogpt/lr-3e-4-seed1/"],
    ["compare", "compare/?runs=nanogpt/lr-3e-4-seed1,nanogpt/lr-1e-3-seed1,cifar10/resnet18-seed1"],
  ])("%s has no serious or critical violations", async (_, rel) => {
    expect(await serious(rel)).toEqual([]);
  });

  it("a report has no serious or critical violations", async () => {
    expect(await serious(`reports/${report}/`)).toEqual([]);
  });
});
