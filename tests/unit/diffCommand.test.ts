import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { diffCommand } from "../../src/cli/commands/diff.ts";
import { tempRepo, type TempRepo } from "../helpers/gitRepo.ts";

const runJson = (o: { group?: string; tags?: string[]; state?: string; lr: number; loss: number; acc?: number }) =>
  JSON.stringify({ group: o.group ?? "sweep", tags: o.tags ?? [], state: o.state ?? "finished", config: { optimizer: { lr: o.lr }, seed: 1 }, summary: { "val/loss": o.loss, "val/acc": o.acc ?? 0.5 } }, null, 2);

const report = (title: string) => `---
title: ${title}
---
Prose.

\`\`\`chart
title: Loss
runs: project = "p"
y: val/loss
\`\`\`

\`\`\`runs
runs: config.optimizer.lr >= 3e-4
\`\`\`
`;

let repo: TempRepo;
let base: string;
let head: string;

beforeAll(async () => {
  repo = await tempRepo("runfolio-diff-");
  await repo.write({
    "runs/p/a.json": runJson({ lr: 1e-4, loss: 3.2 }),
    "runs/p/b.json": runJson({ lr: 3e-4, loss: 3.0, tags: ["baseline"] }),
    "runs/p/old.json": runJson({ lr: 1e-3, loss: 4, group: "other" }),
    "reports/r.md": report("Sweep"),
  });
  base = repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  await repo.write({
    "runs/p/a.json": runJson({ lr: 3e-4, loss: 3.1, state: "crashed" }),
    "runs/p/c.json": runJson({ lr: 1e-3, loss: 2.9 }),
    "runs/p/old.json": null,
    "reports/r.md": report("Sweep, revised"),
  });
  head = repo.commit("head");
}, 60_000);

afterAll(() => repo?.remove());

async function diff(args: string[], env: Record<string, string | undefined> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await diffCommand(args, { cwd: repo.dir, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const b7 = () => base.slice(0, 7);
const h7 = () => head.slice(0, 7);

const expectedText = (headLabel: string) => `runfolio diff: main (${b7()}) → ${headLabel}
  1 run added, 1 removed, 1 changed, 1 unchanged; 1 report changed

Reports
  reports/r.md  "Sweep, revised"  edited
    chart "Loss" (line 6): 3 → 3 runs  +p/c -p/old
    runs (line 12): 2 → 3 runs  +p/a +p/c -p/old

Changed runs
  p/a
    state                        finished → crashed
    config.optimizer.lr          1e-4 → 3e-4
    summary.val/loss             3.2 → 3.1  −0.1 (−3.1%)

Added runs
  p/c  vs the mean of 2 runs (same project and group "sweep")
    val/loss                     2.9 vs 3.05  −0.15 (−4.9%)

Removed runs
  p/old
`;

describe("runfolio diff <base> <head>", () => {
  it("lists runs added, removed and changed, and the report's changed run sets, as text", async () => {
    const out = await diff(["main", "feature"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(expectedText(`feature (${h7()})`));
  });

  it("writes markdown for a pull-request comment with --md --out", async () => {
    const out = await diff(["main", "feature", "--md", "--out", "diff.md"]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe("");
    const md = await readFile(path.join(repo.dir, "diff.md"), "utf8");
    expect(md).toBe(`<!-- runfolio-diff -->
### Runfolio: runs and reports

\`main (${b7()})\` → \`feature (${h7()})\`: 1 run added, 1 removed, 1 changed, 1 unchanged; 1 report changed.

<details open><summary><b>Reports</b> (1)</summary>

| report | title | change | runs added | runs removed |
| --- | --- | --- | --- | --- |
| \`reports/r.md\` | \`Sweep, revised\` | edited |  |  |
|  | \`chart "Loss" (line 6)\` | 3 → 3 | +\`p/c\` | −\`p/old\` |
|  | \`runs (line 12)\` | 2 → 3 | +\`p/a\` +\`p/c\` | −\`p/old\` |

</details>

<details open><summary><b>Changed runs</b> (1)</summary>

| run | field | base | head | Δ |
| --- | --- | --- | --- | --- |
| \`p/a\` | state | \`finished\` | \`crashed\` |  |
|  | \`config.optimizer.lr\` | \`1e-4\` | \`3e-4\` |  |
|  | \`summary.val/loss\` | \`3.2\` | \`3.1\` | −0.1 (−3.1%) |

</details>

<details open><summary><b>Added runs</b> (1)</summary>

| run | metric | value | compared with | Δ |
| --- | --- | --- | --- | --- |
| \`p/c\` | \`val/loss\` | \`2.9\` | \`3.05\` (mean of 2 runs, same project and group \`sweep\`) | −0.15 (−4.9%) |

</details>

<details><summary><b>Removed runs</b> (1)</summary>

| run |
| --- |
| \`p/old\` |

</details>
`);
  });

  it("compares the working tree when head is omitted, and defaults the base to the merge-base with main", async () => {
    const out = await diff([]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(expectedText("working tree").replace(`main (${b7()})`, `merge-base with main (${b7()})`));
    // Nothing in the user's tree changed: no checkout, no stray files.
    expect(repo.git("status", "--porcelain")).toBe("?? diff.md\n");
    expect(repo.git("rev-parse", "--abbrev-ref", "HEAD").trim()).toBe("feature");
  });

  it("sees a run whose files changed although its summary, config and metadata did not", async () => {
    await repo.write({ "runs/p/b.json": runJson({ lr: 3e-4, loss: 3.0, tags: ["baseline"] }).replace(/\n\s*/g, " ") });
    try {
      const out = await diff(["feature"]);
      expect(out.stdout).toBe(`runfolio diff: feature (${h7()}) → working tree
  0 runs added, 0 removed, 1 changed, 2 unchanged; 0 reports changed

Changed runs
  p/b
    files changed; config, summary and metadata are the same (logged values before the last, or formatting)
`);
    } finally {
      repo.git("checkout", "-q", "--", "runs/p/b.json");
    }
  });

  it("says when the data root is not in a git repository", async () => {
    const outside = await mkdtemp(path.join(tmpdir(), "runfolio-norepo-"));
    try {
      let stderr = "";
      const code = await diffCommand(["--root", outside], { cwd: outside, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^runfolio diff: error DIFF001: .* is not inside a git repository \(fatal: not a git repository/);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it("names an unknown revision with its code and exits 2", async () => {
    const out = await diff(["no-such-branch"]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe(
      'runfolio diff: error DIFF002: "no-such-branch" names no commit in this repository\n' +
        "  hint: give a branch, tag or commit; in CI fetch the history first (actions/checkout with fetch-depth: 0)\n",
    );
  });
});
