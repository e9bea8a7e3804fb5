import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/commands/check.ts";

let root: string;

const report = `---
title: Sweep
---
The lr 3e-4 run reached {{ summary.val/loss | run: p/lr-3e-4 }}.

\`\`\`check
- claim: lr 3e-4 beats lr 1e-4 on val/loss by at least 2%
  runs: config.lr = 3e-4
  lower: val/loss
  than: config.lr = 1e-4
  by: 2%
- claim: every run finished
  every: state = "finished"
\`\`\`
`;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "runfolio-claims-"));
  await mkdir(path.join(root, "runs/p"), { recursive: true });
  await mkdir(path.join(root, "reports"));
  await writeFile(path.join(root, "runs/p/lr-1e-4.json"), JSON.stringify({ config: { lr: 1e-4 }, summary: { "val/loss": 3.1 } }));
  await writeFile(path.join(root, "runs/p/lr-3e-4.json"), JSON.stringify({ config: { lr: 3e-4 }, summary: { "val/loss": 3.05 }, state: "crashed" }));
  await writeFile(path.join(root, "reports/sweep.md"), report);
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe("runfolio check on a report's claims", () => {
  it("lists each claim that does not hold as an error at its line, and as a GitHub annotation in CI", async () => {
    let stdout = "";
    const code = await checkCommand(["--root", root], { cwd: root, env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: root }, stdout: (s) => (stdout += s), stderr: () => {} });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "reports/sweep.md:7:10: error REPORT031: claim does not hold: lr 3e-4 beats lr 1e-4 on val/loss by at least 2%: mean val/loss 3.05 (1 run) vs 3.1 (1 run): 1.613% lower, needed at least 2%",
        "  7 | - claim: lr 3e-4 beats lr 1e-4 on val/loss by at least 2%",
        "               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "",
        "reports/sweep.md:12:10: error REPORT031: claim does not hold: every run finished: 1 of 2 runs do not match: p/lr-3e-4",
        "  12 | - claim: every run finished",
        "                ^^^^^^^^^^^^^^^^^^",
        "",
        "::error file=reports/sweep.md,line=7,col=10,title=REPORT031::claim does not hold: lr 3e-4 beats lr 1e-4 on val/loss by at least 2%25: mean val/loss 3.05 (1 run) vs 3.1 (1 run): 1.613%25 lower, needed at least 2%25",
        "::error file=reports/sweep.md,line=12,col=10,title=REPORT031::claim does not hold: every run finished: 1 of 2 runs do not match: p/lr-3e-4",
        "runfolio check: 2 errors, 0 warnings in 2 runs and 1 report",
        "",
      ].join("\n"),
    );
  });
});

describe("runfolio check on inline claims", () => {
  it("passes a claim that holds and annotates one that fails at its line and column", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runfolio-inline-"));
    try {
      await mkdir(path.join(dir, "runs/p"), { recursive: true });
      await mkdir(path.join(dir, "reports"));
      await writeFile(path.join(dir, "runs/p/lr-1e-4.json"), JSON.stringify({ config: { lr: 1e-4 }, summary: { "val/loss": 3.1 } }));
      await writeFile(path.join(dir, "runs/p/lr-3e-4.json"), JSON.stringify({ config: { lr: 3e-4 }, summary: { "val/loss": 3.05 } }));
      const claim = "(val/loss | run: p/lr-3e-4) < (val/loss | run: p/lr-1e-4)";
      await writeFile(path.join(dir, "reports/r.md"), `---\ntitle: R\n---\nLower {{ check: ${claim} }}, by 2%\n{{ check: ${claim} by 2% }}.\n`);
      let stdout = "";
      const code = await checkCommand(["--root", dir], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir }, stdout: (s) => (stdout += s), stderr: () => {} });
      expect(code).toBe(1);
      const message = `claim does not hold: ${claim} by 2%: summary.val/loss of p/lr-3e-4 = 3.05 vs summary.val/loss of p/lr-1e-4 = 3.1: 1.613% lower, needed at least 2%`;
      expect(stdout).toBe(
        [
          `reports/r.md:5:4: error REPORT031: ${message}`,
          `  5 | {{ check: ${claim} by 2% }}.`,
          `         ${"^".repeat(`check: ${claim} by 2%`.length)}`,
          "",
          `::error file=reports/r.md,line=5,col=4,title=REPORT031::${message.replaceAll("%", "%25")}`,
          "runfolio check: 1 error, 0 warnings in 2 runs and 1 report",
          "",
        ].join("\n"),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("runfolio check on run ids a report names", () => {
  it("warns at an id that no run has any more, with the nearest id", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runfolio-named-"));
    try {
      await mkdir(path.join(dir, "runs/p"), { recursive: true });
      await mkdir(path.join(dir, "reports"));
      await writeFile(path.join(dir, "runs/p/lr-1e-4.json"), JSON.stringify({ summary: { loss: 1 } }));
      await writeFile(path.join(dir, "runs/p/lr-3e-4.json"), JSON.stringify({ summary: { loss: 2 } }));
      await writeFile(path.join(dir, "reports/r.md"), '---\ntitle: R\nruns: id != "p/gone"\n---\n\n```runs\nruns: id in ["p/lr-1e-4", "p/lr-3e-4-old"]\n```\n');
      let stdout = "";
      const code = await checkCommand(["--root", dir], { cwd: dir, env: {}, stdout: (s) => (stdout += s), stderr: () => {} });
      expect(code).toBe(0);
      expect(stdout).toBe(
        [
          'reports/r.md:3:13: warning REPORT034: the run set names the run `p/gone`, which no run has (renamed or deleted?)',
          '  3 | runs: id != "p/gone"',
          "                  ^^^^^^^^",
          "  hint: update the expression, or remove the id",
          "",
          'reports/r.md:7:27: warning REPORT034: the run set names the run `p/lr-3e-4-old`, which no run has (renamed or deleted?)',
          '  7 | runs: id in ["p/lr-1e-4", "p/lr-3e-4-old"]',
          "                                ^^^^^^^^^^^^^^^",
          "  hint: did you mean `p/lr-3e-4`?",
          "",
          "runfolio check: 0 errors, 2 warnings in 2 runs and 1 report",
          "",
        ].join("\n"),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
