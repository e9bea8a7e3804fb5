import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { chartsForComment, commentBody, commentCommand, siteLine, type CommentDeps } from "../../src/cli/commands/comment.ts";
import { chartsSection, DIFF_MARKER, GITHUB_COMMENT_LIMIT } from "../../src/core/diff/formatDiffMarkdown.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const ENV = {
  GITHUB_TOKEN: "t0ken",
  GITHUB_REPOSITORY: "acme/exp",
  GITHUB_EVENT_PATH: "/event.json",
  GITHUB_RUN_ID: "77",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_API_URL: "https://api.github.com",
};

/** A fake GitHub: the pull request's comments, and every request made. */
function fakeGitHub(comments: { id: number; body: string }[], status = 200) {
  const calls: { method: string; url: string; body?: string; auth?: string }[] = [];
  const deps: CommentDeps = {
    readFile: async (file) => (file === "/event.json" ? JSON.stringify({ pull_request: { number: 12 } }) : `${DIFF_MARKER}\n### diff of ${path.basename(file)}\n`),
    fetch: async (url, init) => {
      calls.push({ method: init.method, url, ...(init.body ? { body: init.body } : {}), auth: init.headers.authorization! });
      const json = async (): Promise<unknown> => {
        if (init.method === "GET") {
          const page = Number(new URL(url).searchParams.get("page"));
          return comments.slice((page - 1) * 100, page * 100);
        }
        return { html_url: `https://github.com/acme/exp/pull/12#c${init.method}` };
      };
      return { ok: status < 300, status, json, text: async () => "Resource not accessible by integration" };
    },
  };
  return { deps, calls };
}

async function comment(args: string[], deps: CommentDeps, env: Record<string, string | undefined> = ENV) {
  let stdout = "";
  let stderr = "";
  const code = await commentCommand(args, { cwd: "/w", env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, deps);
  return { code, stdout, stderr };
}

describe("runfolio comment <file>", () => {
  it("creates the comment when the pull request has none", async () => {
    const gh = fakeGitHub([{ id: 1, body: "LGTM" }]);
    const out = await comment(["diff.md", "--artifact", "site-pr-12"], gh.deps);
    expect(out).toEqual({ code: 0, stdout: "runfolio comment: created https://github.com/acme/exp/pull/12#cPOST\n", stderr: "" });
    expect(gh.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://api.github.com/repos/acme/exp/issues/12/comments?per_page=100&page=1",
      "POST https://api.github.com/repos/acme/exp/issues/12/comments",
    ]);
    expect(gh.calls.every((c) => c.auth === "Bearer t0ken")).toBe(true);
    expect(JSON.parse(gh.calls[1]!.body!)).toEqual({
      body: `${DIFF_MARKER}\n### diff of diff.md\n\n---\n**Built site:** artifact \`site-pr-12\` of [this workflow run](https://github.com/acme/exp/actions/runs/77#artifacts) (download and unzip it).\n`,
    });
  });

  it("updates the one comment holding the marker, found on a later page, and posts no new one", async () => {
    const others = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    const gh = fakeGitHub([...others, { id: 555, body: `${DIFF_MARKER}\nold diff` }, { id: 556, body: "later" }]);
    const out = await comment(["diff.md"], gh.deps);
    expect(out.code).toBe(0);
    expect(gh.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "GET https://api.github.com/repos/acme/exp/issues/12/comments?per_page=100&page=1",
      "GET https://api.github.com/repos/acme/exp/issues/12/comments?per_page=100&page=2",
      "PATCH https://api.github.com/repos/acme/exp/issues/comments/555",
    ]);
    expect(JSON.parse(gh.calls[2]!.body!).body).toContain("No site was built for this pull request; see [workflow run](https://github.com/acme/exp/actions/runs/77).");
  });

  it("says what is missing outside a pull request's workflow, and what GitHub refused", async () => {
    const gh = fakeGitHub([]);
    expect(await comment(["diff.md"], gh.deps, { ...ENV, GITHUB_TOKEN: undefined })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "runfolio comment: error DIFF005: runfolio comment runs in a pull request's workflow; GITHUB_TOKEN is not set\n" +
        "  hint: run it in a workflow triggered by pull_request, with GITHUB_TOKEN in its environment and `pull-requests: write` permission\n",
    });
    const refused = await comment(["diff.md"], fakeGitHub([], 403).deps);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      "runfolio comment: error DIFF006: GitHub answered 403 to listing the pull request's comments: Resource not accessible by integration\n" +
        "  hint: the workflow's token needs `pull-requests: write` (pull requests from forks get a read-only token)\n",
    );
  });
});

describe("commentBody(diff, link)", () => {
  it("puts the marker first and keeps the body within GitHub's limit", () => {
    expect(commentBody("x\n", "L")).toBe(`${DIFF_MARKER}\nx\n\n---\nL\n`);
    const long = commentBody(`${DIFF_MARKER}\n${"y".repeat(GITHUB_COMMENT_LIMIT)}`, siteLine(null, null, "https://acme.github.io/exp/pr-12/"));
    expect(long.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(long.startsWith(DIFF_MARKER)).toBe(true);
    expect(long).toContain("(cut to fit GitHub's comment limit)");
    expect(long.endsWith("**Built site:** [preview of this pull request](https://acme.github.io/exp/pr-12/) · the workflow run\n")).toBe(true);
  });
});

describe("chartsForComment(diff, runUrl, artifact)", () => {
  const section = chartsSection({ files: [{ path: "pr-charts/diff-1.png", runId: "p/a", metric: "val/loss", kind: "changed" }], leftOut: 0 });
  const diff = `${DIFF_MARKER}\nsummary\n\n${section}\n`;

  it("names each chart instead of a local image and links the artifact holding them", () => {
    const out = chartsForComment(diff, "https://github.com/acme/exp/actions/runs/77", "runfolio-diff-charts-pr-5");
    expect(out).not.toContain("![");
    expect(out).toContain("| `p/a` | `val/loss` | base → head | `diff-1.png` |");
    expect(out).toContain("The charts are PNG files in the artifact `runfolio-diff-charts-pr-5` of [this workflow run](https://github.com/acme/exp/actions/runs/77#artifacts)");
    // Everything outside the charts section is kept as it was.
    expect(out.startsWith(`${DIFF_MARKER}\nsummary\n\n<details open>`)).toBe(true);
    expect(out.endsWith("</details>\n")).toBe(true);
  });

  it("says the charts were not uploaded without an artifact, and leaves a diff without charts alone", () => {
    expect(chartsForComment(diff, null, null)).toContain("this workflow did not upload them");
    expect(chartsForComment(`${DIFF_MARKER}\nno charts ![x](y.png)\n`, null, "a")).toBe(`${DIFF_MARKER}\nno charts ![x](y.png)\n`);
  });
});

describe(".github/workflows/pages.yml", () => {
  interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
  interface Job { if?: string; needs?: string; permissions?: Record<string, string>; steps: Step[] }

  it("comments on pull requests with runfolio diff --md, updating one comment, with pull-requests: write", async () => {
    const workflow = parse(await readFile(path.join(repoRoot, ".github/workflows/pages.yml"), "utf8")) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
    expect(Object.keys(workflow.on)).toContain("pull_request");
    // The workflow's default stays read-only: only the comment job may write, and only to pull requests.
    expect(workflow.permissions).toEqual({ contents: "read" });
    const jobs = Object.entries(workflow.jobs);
    const writers = jobs.filter(([, j]) => j.permissions?.["pull-requests"] === "write");
    expect(writers.map(([name]) => name)).toEqual(["comment"]);
    const job = workflow.jobs.comment!;
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(job.if).toContain("github.event_name == 'pull_request'");
    expect(job.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(job.needs).toBe("build");

    const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    const diffStep = job.steps.findIndex((s) => /npm run diff -- --md --out "\$RUNNER_TEMP\/runfolio-diff\.md"/.test(s.run ?? ""));
    const commentStep = job.steps.findIndex((s) => /npm run comment -- "\$RUNNER_TEMP\/runfolio-diff\.md"/.test(s.run ?? ""));
    expect(diffStep).toBeGreaterThan(-1);
    expect(commentStep).toBeGreaterThan(diffStep);
    expect(job.steps[commentStep]!.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    // The step's logic lives in the CLI (so `runfolio init`'s template can copy it): a one-line run.
    expect(job.steps[commentStep]!.run!.trim().split("\n")).toHaveLength(1);

    const pkg = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.diff).toBe("node bin/runfolio.mjs diff");
    expect(pkg.scripts.comment).toBe("node bin/runfolio.mjs comment");
  });
});
