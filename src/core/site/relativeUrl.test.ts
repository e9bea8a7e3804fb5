import { describe, expect, it } from "vitest";
import { relativePath, relativeUrl, type SiteFileContext } from "./relativeUrl.ts";

const report: SiteFileContext = { filePath: "reports/lr-sweep/index.html", base: "/" };
const home: SiteFileContext = { filePath: "index.html", base: "/" };

describe("relativeUrl", () => {
  it("makes root-absolute URLs relative to the page, folders naming their index.html", () => {
    expect(relativeUrl("/runs/nanogpt/r1/", report)).toBe("../../runs/nanogpt/r1/index.html");
    expect(relativeUrl("/", report)).toBe("../../index.html");
    expect(relativeUrl("/_astro/site.abc.css", report)).toBe("../../_astro/site.abc.css");
    expect(relativeUrl("/reports/lr-sweep/", report)).toBe("index.html");
    expect(relativeUrl("/reports/other/", report)).toBe("../other/index.html");
    expect(relativeUrl("/runs/", home)).toBe("runs/index.html");
    expect(relativeUrl("/", home)).toBe("index.html");
  });

  it("keeps queries and fragments", () => {
    expect(relativeUrl("/runs/?q=tags%20has%20%22x%22", report)).toBe("../../runs/index.html?q=tags%20has%20%22x%22");
    expect(relativeUrl("/compare/?runs=a/b,c/d&amp;show=all", report)).toBe("../../compare/index.html?runs=a/b,c/d&amp;show=all");
    expect(relativeUrl("/reports/lr-sweep/#chart-1", report)).toBe("index.html#chart-1");
    expect(relativeUrl("/runs/?project=cifar10#project-cifar10", home)).toBe("runs/index.html?project=cifar10#project-cifar10");
  });

  it("strips the base path, and leaves root-absolute URLs outside it alone", () => {
    const ctx: SiteFileContext = { filePath: "runs/p/r/index.html", base: "/my-experiments/" };
    expect(relativeUrl("/my-experiments/reports/x/", ctx)).toBe("../../../reports/x/index.html");
    expect(relativeUrl("/my-experiments/", ctx)).toBe("../../../index.html");
    expect(relativeUrl("/my-experiments", ctx)).toBe("../../../index.html");
    expect(relativeUrl("/other/x/", ctx)).toBe("/other/x/");
    expect(relativeUrl("/my-experiments-2/", ctx)).toBe("/my-experiments-2/");
  });

  it("leaves external URLs, fragments and queries alone", () => {
    for (const url of ["https://github.com/x/", "http://a.b/", "mailto:a@b.c", "//cdn.example/x.js", "data:image/png;base64,AA", "#chart-1", "?runs=a", "", "  "]) {
      expect(relativeUrl(url, report)).toBe(url);
    }
  });

  it("leaves relative URLs alone, except that a folder names its index.html", () => {
    expect(relativeUrl("../other/data.json", report)).toBe("../other/data.json");
    expect(relativeUrl("figure.png", report)).toBe("figure.png");
    expect(relativeUrl("../other/", report)).toBe("../other/index.html");
    expect(relativeUrl("./#top", report)).toBe("index.html#top");
    // Above the site's root: not ours to change.
    expect(relativeUrl("../../../x/", report)).toBe("../../../x/");
  });

  it("keeps a folder a folder for script prefixes, and never leaves it empty", () => {
    expect(relativeUrl("/", { filePath: "runs/index.html", base: "/" }, "folder")).toBe("../");
    expect(relativeUrl("/", home, "folder")).toBe("./");
    expect(relativeUrl("/b/", { filePath: "compare/index.html", base: "/b/" }, "folder")).toBe("../");
    expect(relativeUrl("/runs/", report, "folder")).toBe("../../runs/");
  });

  it("normalises dot segments and keeps leading and trailing spaces", () => {
    expect(relativeUrl("/runs/./a/../b/", home)).toBe("runs/b/index.html");
    expect(relativeUrl("/../x", home)).toBe("/../x");
    expect(relativeUrl(" /runs/ ", home)).toBe(" runs/index.html ");
  });

  it("never makes a path whose first segment reads as a scheme", () => {
    expect(relativeUrl("/a:b/", home)).toBe("./a:b/index.html");
    expect(relativeUrl("/runs/p/x:y/", { filePath: "runs/p/index.html", base: "/" })).toBe("./x:y/index.html");
  });

  it("leaves paths with a character reference or a backslash alone", () => {
    expect(relativeUrl("/runs/a&amp;b/", home)).toBe("/runs/a&amp;b/");
    expect(relativeUrl("/runs\\x/", home)).toBe("/runs\\x/");
  });

  it("asks fileFor which file a path names", () => {
    const ctx: SiteFileContext = { ...report, fileFor: (p) => (p === "reports/x" ? "reports/x/index.html" : p.endsWith("/") ? `${p}index.html` : p) };
    expect(relativeUrl("/reports/x#h", ctx)).toBe("../x/index.html#h");
    expect(relativeUrl("../x", ctx)).toBe("../x/index.html");
    expect(relativeUrl("/feed.xml", ctx)).toBe("../../feed.xml");
  });
});

describe("relativePath", () => {
  it("climbs out of the page's folder only as far as needed", () => {
    expect(relativePath("a/b/index.html", "a/c/index.html")).toBe("../c/index.html");
    expect(relativePath("a/b/index.html", "a/b/x.json")).toBe("x.json");
    expect(relativePath("index.html", "a/b/c.css")).toBe("a/b/c.css");
    expect(relativePath("a/b/index.html", "index.html")).toBe("../../index.html");
    expect(relativePath("a/index.html", "a/b/index.html")).toBe("b/index.html");
  });
});
