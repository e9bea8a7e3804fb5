import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routePattern, runfolioRoutes } from "./injectedRoutes.ts";
import { isOwnProject, runtimeDependencies } from "./ownProject.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

let pages: string;
beforeAll(async () => {
  pages = await mkdtemp(path.join(tmpdir(), "runfolio-routes-"));
  for (const f of ["index.astro", "runs/[...id].astro", "runs/index.astro", "feed.xml.ts", "og/runs/[...id].png.ts", "search/_search.css", "_hidden/page.astro", "embed/_embed.css", "notes.md"]) {
    await mkdir(path.dirname(path.join(pages, f)), { recursive: true });
    await writeFile(path.join(pages, f), "");
  }
});
afterAll(async () => {
  await rm(pages, { recursive: true, force: true });
});

describe("routePattern(file)", () => {
  it("follows Astro's file routing", () => {
    expect(["index.astro", "runs/index.astro", "runs/[...id].astro", "feed.xml.ts", "og/reports/[slug].png.ts", "data/runs/[...id].json.ts"].map(routePattern)).toEqual([
      "/", "/runs", "/runs/[...id]", "/feed.xml", "/og/reports/[slug].png", "/data/runs/[...id].json",
    ]);
  });
});

describe("runfolioRoutes(pagesDir)", () => {
  it("lists every page file in a fixed order, leaving out _-prefixed files and folders and what is no page", () => {
    expect(runfolioRoutes(pages)).toEqual([
      { pattern: "/feed.xml", entrypoint: path.join(pages, "feed.xml.ts") },
      { pattern: "/", entrypoint: path.join(pages, "index.astro") },
      { pattern: "/og/runs/[...id].png", entrypoint: path.join(pages, "og/runs/[...id].png.ts") },
      { pattern: "/runs/[...id]", entrypoint: path.join(pages, "runs/[...id].astro") },
      { pattern: "/runs", entrypoint: path.join(pages, "runs/index.astro") },
    ]);
  });

  it("covers Runfolio's own pages: reports, runs, the explorer and the data they load", () => {
    const patterns = runfolioRoutes(path.join(repoRoot, "src/pages")).map((r) => r.pattern);
    expect(patterns).toEqual(expect.arrayContaining(["/", "/reports/[slug]", "/runs/[...id]", "/runs", "/data/runs/[...id].json", "/compare", "/search"]));
  });
});

describe("isOwnProject(srcDir, packageDir) and runtimeDependencies(packageDir)", () => {
  it("tells Runfolio's repository from a site's project", () => {
    expect(isOwnProject(path.join(repoRoot, "src"), repoRoot)).toBe(true);
    expect(isOwnProject(path.join(repoRoot, "src/"), repoRoot)).toBe(true);
    expect(isOwnProject(path.join(pages, "src"), repoRoot)).toBe(false);
  });

  it("names the packages the pages import, without Astro", () => {
    const deps = runtimeDependencies(repoRoot);
    expect(deps).toContain("@resvg/resvg-js");
    expect(deps).not.toContain("astro");
    expect(deps).toEqual([...deps].sort());
  });
});
