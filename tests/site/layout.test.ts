import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { layoutAudit, type LayoutFinding } from "../helpers/layoutAudit.ts";
import { writeLayoutSite } from "../helpers/layoutSite.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild } from "../helpers/sharedBuild.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * The layout check: every page of three sites (the example site, the hostile-names fixture and a
 * generated site of 200 runs plus long names) at a desktop and a phone width, light and dark, run
 * through `layoutAudit` (no sideways scrolling, no overlapping chart text, no clipped text
 * without its full form, sorted columns in view at 1280 px, plots at least 150 px tall).
 * Of the generated site's 200 run pages, which share one template and one generator, three are
 * checked. axe-core (WCAG A/AA, colour contrast included) runs once per page template, width and
 * theme, and on every report page at 1280 px in both themes: a full axe run costs a second or
 * two, the geometry checks a few milliseconds. Every page's screenshot at both widths (light) is
 * kept in test-artifacts/layout/.
 */
const AXE = path.join(repoRoot, "node_modules/axe-core/axe.min.js");
const SHOTS = path.join(repoRoot, "test-artifacts/layout");
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
] as const;
const THEMES = ["light", "dark"] as const;

interface Site {
  name: string;
  dir: () => Promise<string>;
  compare: string[];
  /** Run pages to check when a site has hundreds of one template. */
  runPages?: (all: string[]) => string[];
}

const SITES: Site[] = [
  {
    name: "example",
    dir: async () => exampleOut,
    compare: ["nanogpt/lr-3e-4-seed1", "nanogpt/lr-1e-3-seed1", "cifar10/resnet18-seed1"],
  },
  {
    name: "hostile",
    dir: async () => built(await sharedBuild(path.join(repoRoot, "tests/fixtures/hostile-site"))),
    compare: ["evil/img", "evil/script", "evil/svg"],
  },
  {
    name: "generated",
    dir: async () => {
      const data = path.join(repoRoot, "test-artifacts/layout-site-data");
      await writeLayoutSite(data);
      return built(await sharedBuild(data));
    },
    compare: ["sweep/run-000", "sweep/run-001", "long-names/long-long-long-long-long-long-long-long-long-long-long-long-1"],
    runPages: (all) => all.filter((p) => !p.startsWith("runs/sweep/") || ["runs/sweep/run-000/", "runs/sweep/run-137/", "runs/sweep/run-199/"].includes(p)),
  },
];

function built(b: { code: number; output: string; outDir: string }): string {
  if (b.code !== 0) throw new Error(`building a layout site failed:\n${b.output}`);
  return b.outDir;
}

/** The template a page is built from, for choosing where axe runs. */
function template(rel: string): string {
  if (rel === "") return "home";
  if (rel.startsWith("compare/")) return "compare";
  if (rel === "runs/") return "explorer";
  if (rel.startsWith("runs/")) return rel.split("/").length > 4 ? "run" : "project";
  return rel.split("/")[0]!;
}

async function pagesOf(root: string, site: Site): Promise<string[]> {
  const files = await fg("**/index.html", { cwd: root });
  let pages = files.map((f) => f.slice(0, -"index.html".length)).sort();
  if (site.runPages) pages = site.runPages(pages);
  return [...pages, `compare/?runs=${site.compare.map(encodeURIComponent).join(",")}`];
}

/**
 * Scrolls through the page a screenful at a time, waiting at each stop until the charts in view
 * have hydrated (or failed), then back to the top: every chart is checked as a reader sees it.
 */
async function settle(page: Page): Promise<void> {
  const hydrated = () =>
    [...document.querySelectorAll<HTMLElement>("[data-runfolio-chart]")]
      .filter((el) => el.getBoundingClientRect().top < innerHeight && el.getBoundingClientRect().bottom > 0)
      .every((el) => el.dataset.hydrated === "true" || el.dataset.hydrated === "error");
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const view = page.viewportSize()!.height;
  for (let y = 0; ; y += view) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForFunction(hydrated, undefined, { timeout: 30_000 });
    if (y + view >= height) break;
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ""}`);
}

describe.runIf(chromiumAvailable())("layout check", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    await rm(SHOTS, { recursive: true, force: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const site of SITES) {
    describe(`${site.name} site`, () => {
      let server: StaticServer;
      let pages: string[];
      beforeAll(async () => {
        const root = await site.dir();
        server = await serveStatic(root);
        pages = await pagesOf(root, site);
      });
      afterAll(async () => {
        await server?.close();
      });

      // Each page is loaded once per width and checked in both themes (the theme switched in place:
      // layout does not depend on it, contrast does).
      it.each(WIDTHS)("every page at $width px, light and dark: layout and axe", async ({ width, height }) => {
        const context = await browser.newContext({ viewport: { width, height }, colorScheme: "light", bypassCSP: true });
        const page = await context.newPage();
        const problems: string[] = [];
        const counts: Record<string, number> = {};
        const axed = new Set<string>();
        try {
          for (const rel of pages) {
            await page.emulateMedia({ colorScheme: "light" });
            await page.goto(`${server.url}/${rel}`);
            await settle(page);
            const kind = template(rel);
            const axeHere = !axed.has(kind) || (kind === "reports" && width >= 1280);
            axed.add(kind);
            for (const scheme of THEMES) {
              if (scheme !== "light") await page.emulateMedia({ colorScheme: scheme });
              const found: LayoutFinding[] = await page.evaluate(layoutAudit, { sortedColumnVisible: width >= 1280, minPlotHeight: 150 });
              for (const f of found) {
                counts[f.check] = (counts[f.check] ?? 0) + 1;
                problems.push(`/${rel} ${scheme} ${f.check}: ${f.where}: ${f.detail}`);
              }
              if (axeHere) {
                for (const v of await axeFindings(page)) {
                  counts.axe = (counts.axe ?? 0) + 1;
                  problems.push(`/${rel} ${scheme} axe: ${v}`);
                }
              }
              if (scheme === "light") {
                const file = path.join(SHOTS, site.name, String(width), `${rel.replace(/[/?=,%]+/g, "_").replace(/^_|_$/g, "") || "home"}.jpg`);
                await mkdir(path.dirname(file), { recursive: true });
                await page.screenshot({ path: file, fullPage: true, type: "jpeg", quality: 70 });
              }
            }
          }
        } finally {
          await context.close();
        }
        if (problems.length) console.log(`layout ${site.name} ${width}: ${pages.length} pages, ${JSON.stringify(counts)}`);
        expect(problems).toEqual([]);
      }, 900_000);
    });
  }
});
