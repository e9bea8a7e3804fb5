import { describe, expect, it } from "vitest";
import { commitUrl } from "./forgeUrl.ts";

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
