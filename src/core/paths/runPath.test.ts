import { describe, expect, it } from "vitest";
import { encodePathSegments, runDataPath, runOutputFiles, runPath, runPreviewImagePath, runPreviewImagePathOfPage, sourceFilePath } from "./runPath.ts";

const IDS = [
  "nanogpt/lr-3e-4-seed1",
  "nanogpt/a b",
  "nanogpt/Läufe-日本語-🚀",
  "nanogpt/run#1",
  "nanogpt/what?x=1",
  "nanogpt/100%",
  "nanogpt/%41",
  "project/sub/run",
  "p/a,b&c=d;e+f",
];

/** The id a browser reads back from a link: the path under `prefix`, each segment decoded. */
function idFromUrl(href: string, prefix: string, suffix: string): string {
  const url = new URL(href, "https://example.test/base/");
  expect(url.search).toBe("");
  expect(url.hash).toBe("");
  expect(url.pathname.startsWith(`/base/${prefix}`)).toBe(true);
  expect(url.pathname.endsWith(suffix)).toBe(true);
  return url.pathname.slice(`/base/${prefix}`.length, -suffix.length).split("/").map(decodeURIComponent).join("/");
}

describe("runPath(id)", () => {
  it("gives the run page path, site-relative and without the base", () => {
    expect(runPath("nanogpt/lr-3e-4-seed1")).toBe("runs/nanogpt/lr-3e-4-seed1/");
    expect(runPath("nanogpt/a b")).toBe("runs/nanogpt/a%20b/");
    expect(runPath("nanogpt/run#1")).toBe("runs/nanogpt/run%231/");
    expect(runPath("nanogpt/what?x=1")).toBe("runs/nanogpt/what%3Fx%3D1/");
    expect(runPath("nanogpt/100%")).toBe("runs/nanogpt/100%25/");
    expect(runPath("nanogpt/Läufe")).toBe("runs/nanogpt/L%C3%A4ufe/");
  });

  it("keeps nested folders as path segments", () => {
    expect(runPath("project/sub/run")).toBe("runs/project/sub/run/");
    expect(runDataPath("project/sub/run")).toBe("data/runs/project/sub/run.json");
  });

  it.each(IDS)("links %j so a browser reads the same id back, with no query or fragment", (id) => {
    expect(idFromUrl(runPath(id), "runs/", "/")).toBe(id);
    expect(idFromUrl(runDataPath(id), "data/runs/", ".json")).toBe(id);
    expect(idFromUrl(runPreviewImagePath(id), "og/runs/", ".png")).toBe(id);
  });
});

describe("runDataPath(id) / runPreviewImagePath(id) / sourceFilePath(file)", () => {
  it("encode the id exactly as the run page does", () => {
    for (const id of IDS) {
      const encoded = encodePathSegments(id);
      expect(runPath(id)).toBe(`runs/${encoded}/`);
      expect(runDataPath(id)).toBe(`data/runs/${encoded}.json`);
      expect(runPreviewImagePath(id)).toBe(`og/runs/${encoded}.png`);
    }
    expect(sourceFilePath("runs/nanogpt/a b/history.csv")).toBe("data/files/runs/nanogpt/a%20b/history.csv");
  });
});

describe("runPreviewImagePathOfPage(pagePath)", () => {
  it("maps a run page path to its preview image, and any other page to null", () => {
    for (const id of IDS) expect(runPreviewImagePathOfPage(runPath(id))).toBe(runPreviewImagePath(id));
    expect(runPreviewImagePathOfPage("runs/")).toBeNull();
    expect(runPreviewImagePathOfPage("reports/sweep/")).toBeNull();
    expect(runPreviewImagePathOfPage("compare/")).toBeNull();
  });
});

describe("runOutputFiles(id)", () => {
  it("names the stored files behind the encoded page, data and preview paths", () => {
    for (const id of IDS) {
      const stored = (p: string) => p.split("/").map(decodeURIComponent).join("/");
      expect(runOutputFiles(id)).toEqual([`${stored(runPath(id))}index.html`, stored(runDataPath(id)), stored(runPreviewImagePath(id))]);
    }
  });
});
