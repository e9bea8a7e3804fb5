import { describe, expect, it } from "vitest";
import { relativeUrl } from "../site/relativeUrl.ts";
import { runPath } from "./runPath.ts";
import { isRelativeRoot, siteHref } from "./siteHref.ts";

describe("siteHref", () => {
  it("puts a site path under a root-absolute root as it is (root site, base-path site)", () => {
    expect(siteHref("/", "runs/p/r/")).toBe("/runs/p/r/");
    expect(siteHref("/my-experiments/", "runs/p/r/")).toBe("/my-experiments/runs/p/r/");
    expect(siteHref("/my-experiments", "reports/x/?q=1#h")).toBe("/my-experiments/reports/x/?q=1#h");
    expect(siteHref("/", "data/runs/p/r.json")).toBe("/data/runs/p/r.json");
  });

  it("names a folder's index.html under a root relative to the page (relative-links site), query and fragment kept", () => {
    expect(siteHref("../../", "runs/p/r/")).toBe("../../runs/p/r/index.html");
    expect(siteHref("./", "runs/p/r/")).toBe("./runs/p/r/index.html");
    expect(siteHref("", "runs/p/r/")).toBe("./runs/p/r/index.html");
    expect(siteHref("../", "")).toBe("");
    expect(siteHref("../", "reports/x/?q=a#b")).toBe("../reports/x/index.html?q=a#b");
    expect(siteHref("../", "runs/?q=1")).toBe("../runs/index.html?q=1");
    expect(siteHref("../", "data/runs/p/r.json")).toBe("../data/runs/p/r.json");
  });

  it("keeps percent-encoded ids as they are, and never lets a first segment read as a scheme", () => {
    const path = runPath("proj/a b#c?d%e");
    expect(path).toBe("runs/proj/a%20b%23c%3Fd%25e/");
    expect(siteHref("/", path)).toBe("/runs/proj/a%20b%23c%3Fd%25e/");
    expect(siteHref("../", path)).toBe("../runs/proj/a%20b%23c%3Fd%25e/index.html");
    expect(siteHref("./", "runs/c:d/")).toBe("./runs/c:d/index.html");
    expect(new URL(siteHref("./", runPath("c:d/e")), "file:///site/x.html").href).toBe("file:///site/runs/c%3Ad/e/index.html");
  });

  it("returns full URLs (an export's links to the published site), root-absolute ones and no link as they are", () => {
    expect(siteHref("../", "https://example.org/runs/p/r/")).toBe("https://example.org/runs/p/r/");
    expect(siteHref("/", "")).toBe("");
    expect(siteHref("/base/", "/runs/p/r/")).toBe("/runs/p/r/");
    expect(siteHref("../", "//example.org/x")).toBe("//example.org/x");
  });

  it("tells a relative root from a root-absolute one or a full URL", () => {
    expect(isRelativeRoot("../")).toBe(true);
    expect(isRelativeRoot("./")).toBe(true);
    expect(isRelativeRoot("/")).toBe(false);
    expect(isRelativeRoot("/base/")).toBe(false);
    expect(isRelativeRoot("https://example.org/")).toBe(false);
  });

  // The whole rule: the build states the base in data-base, a relative-links build rewrites that
  // attribute like every link, and a site path under it opens the same file as the page's own link.
  it.each([
    ["index.html", "/"],
    ["reports/lr-sweep/index.html", "/"],
    ["runs/p/deep/r/index.html", "/"],
    ["reports/lr-sweep/index.html", "/my-experiments/"],
  ])("from %s (base %s), resolves to the file the rewritten page link names", (filePath, base) => {
    const ctx = { filePath, base };
    const root = relativeUrl(base, ctx, "folder");
    const page = new URL(filePath, "file:///site/");
    for (const id of ["p/r", "p/a b", "q/x%y"]) {
      const fromJson = new URL(siteHref(root, runPath(id)), page).href;
      const fromAttribute = new URL(relativeUrl(base + runPath(id), ctx), page).href;
      expect(fromJson).toBe(fromAttribute);
      expect(fromJson).toBe(new URL(`${runPath(id)}index.html`, "file:///site/").href);
    }
  });
});
