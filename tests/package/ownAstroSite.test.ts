/**
 * examples/own-astro-site: a team's own Astro project with `runfolio()` in its astro.config, its own
 * header, footer and run-page sections, and a page of its own. Built from a copy in test-artifacts/
 * (inside this repository, so the copy finds Astro and Runfolio's dependencies in its node_modules,
 * as the example does with `npm install`), with `runfolio` linked to this repository as the
 * example's `file:../..` dependency links it.
 */
import { cp, mkdir, readFile, rm, symlink } from "node:fs/promises";
import { spawn } from "node:child_process";
import path from "node:path";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostEnv, repoRoot } from "../helpers/buildSite.ts";

const example = path.join(repoRoot, "examples/own-astro-site");
const site = path.join(repoRoot, "test-artifacts", `own-astro-site-${process.pid}`);
const dist = path.join(site, "dist");
let build: { code: number; output: string };

const page = async (file: string): Promise<HTMLElement> => parseHtml(await readFile(path.join(dist, file), "utf8"));

beforeAll(async () => {
  await rm(site, { recursive: true, force: true });
  await mkdir(path.dirname(site), { recursive: true });
  await cp(example, site, { recursive: true, filter: (src) => !/[/\\](node_modules|dist|\.astro)$/.test(src) });
  await mkdir(path.join(site, "node_modules"), { recursive: true });
  await symlink(path.relative(path.join(site, "node_modules"), repoRoot), path.join(site, "node_modules/runfolio"), "dir");
  const env = hostEnv();
  for (const key of Object.keys(env)) if (key.startsWith("RUNFOLIO_")) delete env[key];
  build = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/astro/bin/astro.mjs"), "build"], {
      cwd: site,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}, 300_000);

afterAll(async () => {
  await rm(site, { recursive: true, force: true });
});

describe("a team's own Astro project with the runfolio() integration (examples/own-astro-site)", () => {
  it("builds, with Runfolio's pages injected beside the team's own page", async () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).toContain("[runfolio] checked 2 runs and 1 reports");
    expect((await page("about/index.html")).querySelector("h1")!.text).toBe("About the vision team");
    expect((await page("index.html")).querySelector("main a[href='/reports/mnist-lr/']")?.text).toContain("MNIST: two learning rates");
  }, 300_000);

  it("renders the team's header and footer on every Runfolio page, with the props Runfolio passes", async () => {
    for (const file of ["index.html", "reports/mnist-lr/index.html", "runs/mnist/cnn-lr1e-3/index.html", "runs/index.html"]) {
      const doc = await page(file);
      const header = doc.querySelectorAll("header.site-header");
      expect(header.map((h) => h.classList.contains("team-header")), file).toEqual([true]);
      expect(header[0]!.querySelector(".brand")!.text).toBe("Vision team experiments");
      expect(header[0]!.querySelectorAll("nav a").map((a) => [a.text, a.getAttribute("href")])).toEqual([
        ["Reports", "/"], ["Runs", "/runs/"], ["Search", "/search/"], ["About the team", "/about/"],
      ]);
      expect(doc.querySelector(".brand-mark"), file).toBeNull();
      const footer = doc.querySelectorAll("footer");
      expect(footer.length).toBe(1);
      expect(footer[0]!.text).toMatch(/^\s*Vision team · questions to #vision-experiments( · built from [0-9a-f]{7})?\s*$/);
    }
    const home = await page("index.html");
    expect(home.querySelector("nav a[aria-current='page']")?.text).toBe("Reports");
  });

  it("keeps Runfolio's report page: its chart of both runs and its runs table", async () => {
    const doc = await page("reports/mnist-lr/index.html");
    expect(doc.querySelector("h1")!.text).toBe("MNIST: two learning rates");
    const chart = doc.querySelector("figure[data-runfolio-chart='line']")!;
    expect(chart.querySelectorAll("path.rf-line").length).toBe(2);
    const rows = doc.querySelectorAll("[data-runfolio-table] tbody tr");
    expect(rows.map((r) => r.querySelector("th")!.text.trim()).sort()).toEqual(["cnn-lr1e-3", "cnn-lr3e-3"]);
    // No inline style or script: the pages' Content-Security-Policy holds in the team's project too.
    expect(doc.querySelectorAll("style").length).toBe(0);
    expect(doc.querySelectorAll("script:not([src])").filter((s) => s.getAttribute("type") !== "application/json").length).toBe(0);
  });

  it("puts the team's run-page section before Runfolio's, which all stay", async () => {
    const doc = await page("runs/mnist/cnn-lr3e-3/index.html");
    expect(doc.querySelector("h1")!.text).toContain("cnn-lr3e-3");
    expect(doc.querySelector("section.team-review p")!.text).toBe("Owner: Ana. Check the curves below before citing this run.");
    const headings = doc.querySelectorAll("main h2").map((h) => h.text.trim());
    expect(headings.slice(0, 3)).toEqual(["Review", "Used in reports", "Metrics"]);
    expect(headings).toEqual(expect.arrayContaining(["Summary", "Config"]));
    expect(doc.querySelectorAll("details.rf-metric-section figure[data-runfolio-chart]").length).toBe(2);
    await expect(readFile(path.join(dist, "favicon.svg"), "utf8")).resolves.toContain("<svg");
  });
});
