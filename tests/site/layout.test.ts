import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/buildSite.ts";
import { chromiumAvailable, launchChromium } from "../helpers/chromium.ts";
import { chartBoxes, layoutAudit, type ChartBox, type LayoutFinding } from "../helpers/layoutAudit.ts";
import { writeLayoutSite } from "../helpers/layoutSite.ts";
import { serveStatic, type StaticServer } from "../helpers/serveStatic.ts";
import { sharedBuild } from "../helpers/sharedBuild.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * The layout check: every page of three sites (the example site, the hostile-names fixture and a
 * generated site of 200 runs plus long names) at a desktop and a phone width, run through
 * `layoutAudit` (no sideways scrolling, no overlapping chart text, no clipped text without its
 * full form, sorted columns in view at 1280 px, plots at least 150 px tall) once its charts are
 * live, and its charts checked again as the build drew them (scripts off): the same rules, plus
 * the same box as the live chart (no layout shift when a chart turns live). Geometry does not
 * depend on the theme, so it is checked in light only; axe-core (WCAG A/AA, colour contrast
 * included) runs in light and dark once per page template and width, and on every report page at
 * 1280 px. Of the generated site's 200 run pages, which share one template and one generator,
 * three are checked. Each page's screenshot at both widths (light) is kept in
 * test-artifacts/layout/.
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
 * Brings each chart that is not live yet into view until it starts hydrating (the page hydrates
 * charts near the viewport, one at a time), waits on the charts' own `data-hydrated` signal until
 * every shown chart is live (or failed), then returns to the top. Returns how many charts it saw.
 */
async function hydrateCharts(page: Page): Promise<number> {
  // A page that draws its charts after loading data (the compare page) says so with data-state.
  await page.waitForFunction(() => !document.querySelector('[data-state="loading"]'), undefined, { timeout: 60_000 });
  return page.evaluate(async () => {
    const charts = [...document.querySelectorAll<HTMLElement>("[data-runfolio-chart]")].filter((el) => el.getClientRects().length > 0);
    const done = (el: HTMLElement) => el.dataset.hydrated === "true" || el.dataset.hydrated === "error";
    const until = (ready: () => boolean, what: string) =>
      new Promise<void>((resolve, reject) => {
        if (ready()) return resolve();
        const observer = new MutationObserver(() => {
          if (!ready()) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`${what} did not happen within 60 s`));
        }, 60_000);
      });
    for (const el of charts) {
      if (el.dataset.hydrated) continue;
      el.scrollIntoView({ block: "center" });
      await until(() => Boolean(el.dataset.hydrated), `hydrating chart ${el.id || el.dataset.runfolioChart} to start`);
    }
    await until(() => charts.every(done), "every chart turning live");
    window.scrollTo(0, 0);
    await document.fonts.ready;
    return charts.length;
  });
}

/** Charts whose live picture is not the static one's box (within 2 px): the page moves under the reader. */
function layoutShifts(still: readonly ChartBox[], live: readonly ChartBox[]): string[] {
  const liveById = new Map(live.map((b) => [b.id, b]));
  return still.flatMap((b) => {
    const l = liveById.get(b.id);
    if (!l || (Math.abs(l.width - b.width) <= 2 && Math.abs(l.height - b.height) <= 2)) return [];
    return [`layout shift: chart #${b.id} is ${b.width}×${b.height} px static and ${l.width}×${l.height} px live`];
  });
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

function shotPath(site: string, width: number, rel: string): string {
  return path.join(SHOTS, site, String(width), `${rel.replace(/[/?=,%]+/g, "_").replace(/^_|_$/g, "") || "home"}.jpg`);
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
      // One tab for the live pages and one with scripts off (the build's static charts, as a reader
      // sees them before their chart turns live), reused for every page and width of the site.
      let live: BrowserContext;
      let still: BrowserContext;
      let livePage: Page;
      let stillPage: Page;
      beforeAll(async () => {
        const root = await site.dir();
        server = await serveStatic(root);
        pages = await pagesOf(root, site);
        live = await browser.newContext({ viewport: WIDTHS[0], colorScheme: "light", bypassCSP: true });
        still = await browser.newContext({ viewport: WIDTHS[0], colorScheme: "light", javaScriptEnabled: false });
        livePage = await live.newPage();
        stillPage = await still.newPage();
      }, 600_000);
      afterAll(async () => {
        await live?.close();
        await still?.close();
        await server?.close();
      });

      // Geometry does not depend on the theme: each page is laid out, checked and photographed once
      // per width (light); axe, which checks contrast, runs in both themes.
      it.each(WIDTHS)("every page at $width px: layout of the live and the static charts, axe light and dark", async ({ width, height }) => {
        await livePage.setViewportSize({ width, height });
        await stillPage.setViewportSize({ width, height });
        const options = { sortedColumnVisible: width >= 1280, minPlotHeight: 150 };
        const problems: string[] = [];
        const counts: Record<string, number> = {};
        const note = (rel: string, label: string, found: string[]) => {
          counts[label] = (counts[label] ?? 0) + found.length;
          for (const f of found) problems.push(`/${rel} ${f}`);
        };
        const axed = new Set<string>();
        let views = 0;
        for (const rel of pages) {
          await livePage.emulateMedia({ colorScheme: "light" });
          await livePage.goto(`${server.url}/${rel}`);
          const charts = await hydrateCharts(livePage);
          const found: LayoutFinding[] = await livePage.evaluate(layoutAudit, options);
          const liveBoxes = charts > 0 ? await livePage.evaluate(chartBoxes) : [];
          note(rel, "layout", found.map((f) => `${f.check}: ${f.where}: ${f.detail}`));
          views++;
          const file = shotPath(site.name, width, rel);
          await mkdir(path.dirname(file), { recursive: true });
          await livePage.screenshot({ path: file, fullPage: true, type: "jpeg", quality: 70 });
          const kind = template(rel);
          if (!axed.has(kind) || (kind === "reports" && width >= 1280)) {
            axed.add(kind);
            for (const scheme of THEMES) {
              await livePage.emulateMedia({ colorScheme: scheme });
              note(rel, `axe ${scheme}`, (await axeFindings(livePage)).map((v) => `${scheme} axe: ${v}`));
            }
          }
          if (charts > 0) {
            await stillPage.goto(`${server.url}/${rel}`);
            await stillPage.evaluate(() => document.fonts.ready.then(() => undefined));
            // The build's picture, scaled to its box, must be as readable as the live chart (text placed
            // by the build's estimate, plots as tall), and take the same box: nothing moves when it turns live.
            const before = await stillPage.evaluate(layoutAudit, { ...options, chartsOnly: true });
            note(rel, "static charts", before.map((f) => `static ${f.check}: ${f.where}: ${f.detail}`));
            note(rel, "layout shift", layoutShifts(await stillPage.evaluate(chartBoxes), liveBoxes));
            views++;
          }
        }
        console.log(`layout ${site.name} ${width}: ${pages.length} pages (${views} views), axe on ${axed.size} templates; findings ${JSON.stringify(counts)}`);
        expect(problems).toEqual([]);
      }, 900_000);
    });
  }
});
