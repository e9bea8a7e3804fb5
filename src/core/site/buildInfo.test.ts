import { describe, expect, it } from "vitest";
import { buildLinks, parseUncommitted, type BuildInfo } from "./buildInfo.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const info = (over: Partial<BuildInfo> = {}): BuildInfo => ({ commit: SHA, remote: "git@github.com:lab/exp.git", dataPrefix: "", uncommitted: [], ...over });

describe("buildLinks(info, copySourceFiles)", () => {
  it("names the commit and links it and each source file at it on the forge", () => {
    const links = buildLinks(info({ dataPrefix: "site/" }), false);
    expect(links.shortCommit).toBe("0123456");
    expect(links.commitUrl).toBe(`https://github.com/lab/exp/commit/${SHA}`);
    expect(links.uncommitted).toBe(false);
    expect(links.sourceFile("runs/p/a b/history.csv")).toEqual({
      kind: "forge",
      file: "runs/p/a b/history.csv",
      repoPath: "site/runs/p/a b/history.csv",
      url: `https://github.com/lab/exp/blob/${SHA}/site/runs/p/a%20b/history.csv`,
      rawUrl: `https://github.com/lab/exp/raw/${SHA}/site/runs/p/a%20b/history.csv`,
    });
  });

  it("links the published copy when copying, whatever git says", () => {
    expect(buildLinks(info(), true).sourceFile("runs/a.json")).toEqual({ kind: "copy", file: "runs/a.json" });
    expect(buildLinks(null, true).sourceFile("runs/a.json")).toEqual({ kind: "copy", file: "runs/a.json" });
  });

  it("says where the file is when it cannot be linked: no remote, an unknown forge, not committed, no git", () => {
    expect(buildLinks(info({ remote: null }), false).sourceFile("runs/a.json")).toEqual({ kind: "path", file: "runs/a.json", repoPath: "runs/a.json", reason: "no-remote" });
    expect(buildLinks(info({ remote: "https://git.lab.example/exp.git" }), false).sourceFile("runs/a.json")).toMatchObject({ kind: "path", reason: "no-remote" });
    const dirty = buildLinks(info({ uncommitted: ["runs/a.json"] }), false);
    expect(dirty.uncommitted).toBe(true);
    expect(dirty.sourceFile("runs/a.json")).toMatchObject({ kind: "path", reason: "uncommitted" });
    expect(dirty.sourceFile("runs/b.json")).toMatchObject({ kind: "forge" });
    const none = buildLinks(null, false);
    expect([none.shortCommit, none.commit, none.commitUrl, none.uncommitted]).toEqual([null, null, null, false]);
    expect(none.sourceFile("runs/a.json")).toEqual({ kind: "path", file: "runs/a.json", repoPath: "runs/a.json", reason: "no-git" });
  });
});

describe("parseUncommitted(porcelain, dataPrefix)", () => {
  it("keeps the files under the data root, relative to it, sorted, names as written", () => {
    const porcelain = [" M site/runs/b.json", "?? site/runs/a b/history.csv", "M  other/x.md", "R  site/reports/new.md", "site/reports/old.md", ""].join("\0");
    expect(parseUncommitted(porcelain, "site/")).toEqual(["reports/new.md", "runs/a b/history.csv", "runs/b.json"]);
    expect(parseUncommitted("", "")).toEqual([]);
  });
});
