import { describe, expect, it } from "vitest";
import { commitUrl, forgeFileUrl } from "./forgeUrl.ts";

const SHA = "e5188b7338e6ccb4deb531ab81f885610e98b20a";

describe("commitUrl(remote, commit)", () => {
  it.each([
    ["https://github.com/example/nanogpt-experiments", `https://github.com/example/nanogpt-experiments/commit/${SHA}`],
    ["https://github.com/example/repo.git", `https://github.com/example/repo/commit/${SHA}`],
    ["git@github.com:example/repo.git", `https://github.com/example/repo/commit/${SHA}`],
    ["ssh://git@github.com/example/repo.git", `https://github.com/example/repo/commit/${SHA}`],
    ["https://gitlab.com/group/sub/repo.git", `https://gitlab.com/group/sub/repo/-/commit/${SHA}`],
    ["git@gitlab.com:group/repo.git", `https://gitlab.com/group/repo/-/commit/${SHA}`],
    ["https://bitbucket.org/team/repo", `https://bitbucket.org/team/repo/commits/${SHA}`],
    ["git@bitbucket.org:team/repo.git", `https://bitbucket.org/team/repo/commits/${SHA}`],
    ["https://user@www.github.com/example/repo/", `https://github.com/example/repo/commit/${SHA}`],
  ])("%s → a commit page", (remote, expected) => {
    expect(commitUrl(remote, SHA)).toBe(expected);
  });

  it.each([
    ["https://git.example.com/a/b.git", SHA],
    ["/srv/git/repo.git", SHA],
    ["javascript:alert(1)//github.com/a/b", SHA],
    ["</script><script>alert(1)</script>", SHA],
    ["https://github.com/example", SHA],
    ["https://github.com/a/b/c", SHA],
    ["https://github.com/a/b", "not-a-sha"],
    ["https://github.com/a/b", undefined],
    [undefined, SHA],
  ])("%s (%s) → no link", (remote, commit) => {
    expect(commitUrl(remote, commit)).toBeNull();
  });
});

describe("forgeFileUrl(remote, commit, file, view)", () => {
  it.each([
    ["git@github.com:o/r.git", "blob", `https://github.com/o/r/blob/${SHA}/runs/a%20b/history.csv`],
    ["https://github.com/o/r", "raw", `https://github.com/o/r/raw/${SHA}/runs/a%20b/history.csv`],
    ["https://gitlab.com/g/sub/r.git", "blob", `https://gitlab.com/g/sub/r/-/blob/${SHA}/runs/a%20b/history.csv`],
    ["https://gitlab.com/g/r", "raw", `https://gitlab.com/g/r/-/raw/${SHA}/runs/a%20b/history.csv`],
    ["git@bitbucket.org:team/r.git", "blob", `https://bitbucket.org/team/r/src/${SHA}/runs/a%20b/history.csv`],
    ["https://bitbucket.org/team/r", "raw", `https://bitbucket.org/team/r/raw/${SHA}/runs/a%20b/history.csv`],
  ] as const)("%s (%s) → the file at the commit", (remote, view, expected) => {
    expect(forgeFileUrl(remote, SHA, "runs/a b/history.csv", view)).toBe(expected);
  });

  it("encodes each segment, so #, ? and % in a name stay in the path", () => {
    expect(forgeFileUrl("https://github.com/o/r", SHA, "runs/x#1?/5%.csv", "raw")).toBe(`https://github.com/o/r/raw/${SHA}/runs/x%231%3F/5%25.csv`);
  });

  it.each([["../secret"], ["runs//a.csv"], ["/abs.csv"], ["runs/./a.csv"]])("refuses the path %s", (file) => {
    expect(forgeFileUrl("https://github.com/o/r", SHA, file, "blob")).toBeNull();
  });

  it("is null for an unknown forge or a malformed commit", () => {
    expect(forgeFileUrl("https://git.example.com/o/r", SHA, "a.csv", "blob")).toBeNull();
    expect(forgeFileUrl("https://github.com/o/r", "main", "a.csv", "blob")).toBeNull();
  });
});
