import { spawnSync } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkCommand, escapeData, escapeProperty, workflowCommand } from "../../src/cli/commands/check.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");

async function run(args: string[], env: Record<string, string | undefined> = {}, cwd = repoRoot) {
  let stdout = "";
  let stderr = "";
  const code = await checkCommand(args, { cwd, env, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, lines: stdout.split("\n") };
}

describe("runfolio check", () => {
  it("lists every error in the broken site with excerpt and hint, and exits 1", async () => {
    const out = await run(["--root", "tests/fixtures/broken-site"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(
      [
        "reports/broken.md:7:4: error BLOCK009: no selected run has the metric `los`",
        "  7 | y: los",
        "         ^^^",
        "  hint: did you mean `loss`?",
        "",
        "reports/broken.md:13:17: error EXPR007: unknown operator '>>'",
        "  13 | runs: config.lr >> 1",
        "                       ^^",
        "  hint: operators are =, !=, <, <=, >, >=, in, not in, ~, !~, has, and, or, not",
        "",
        "runs/demo/bad.json:4:28: error RUN001: invalid JSON: expected ',' or '}' after property value, found end of input",
        '  4 |   "history": { "step": [0] }',
        "                                 ^",
        "  hint: fix the syntax at this position; NaN, Infinity and -Infinity are accepted as bare values",
        "",
        'runs/demo/csvrun/history.csv:3:3: error RUN012: expected a number in column "loss", found "oops"',
        "  3 | 1,oops",
        "        ^^^^",
        "  hint: metric cells hold numbers; leave a cell empty (or write nan) for a gap",
        "",
        "runfolio check: 4 errors, 0 warnings in 1 run and 1 report",
        "",
      ].join("\n"),
    );
    // Not in GitHub Actions: no workflow commands.
    expect(out.stdout).not.toContain("::error");
  });

  it("accepts --root=<dir> and an absolute path the same way", async () => {
    const a = await run(["--root=tests/fixtures/broken-site"]);
    const b = await run(["--root", path.join(repoRoot, "tests/fixtures/broken-site")], {}, tmpdir());
    expect(a.code).toBe(1);
    expect(b.stdout).toBe(a.stdout);
  });

  it("exits 0 with warnings only, and prints them", async () => {
    const out = await run(["--root", "tests/fixtures/warning-site"]);
    expect(out.code).toBe(0);
    expect(out.lines.filter((l) => /^\S+:\d+:\d+: /.test(l))).toEqual([
      'runs/demo/a.json:3:3: warning RUN003: unknown key "owner" (it is ignored)',
      'runs/demo/a.json:4:60: warning RUN011: column "unused" has no values',
    ]);
    expect(out.lines.at(-2)).toBe("runfolio check: 0 errors, 2 warnings in 1 run and 1 report");
  });

  it("checks the working directory by default: the example data has no problems", async () => {
    const out = await run([]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^runfolio check: no problems in \d+ runs and \d+ reports\n$/);
    // Checks every example report as the build compiles it (vega charts included): seconds.
  }, 120_000);

  it("emits one GitHub annotation per diagnostic, with the path from the workspace", async () => {
    const out = await run(["--root", "tests/fixtures/broken-site"], { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: repoRoot });
    expect(out.code).toBe(1);
    const annotations = out.lines.filter((l) => l.startsWith("::"));
    expect(annotations).toEqual([
      "::error file=tests/fixtures/broken-site/reports/broken.md,line=7,col=4,title=BLOCK009::no selected run has the metric `los`%0Ahint: did you mean `loss`?",
      "::error file=tests/fixtures/broken-site/reports/broken.md,line=13,col=17,title=EXPR007::unknown operator '>>'%0Ahint: operators are =, !=, <, <=, >, >=, in, not in, ~, !~, has, and, or, not",
      "::error file=tests/fixtures/broken-site/runs/demo/bad.json,line=4,col=28,title=RUN001::invalid JSON: expected ',' or '}' after property value, found end of input%0Ahint: fix the syntax at this position; NaN, Infinity and -Infinity are accepted as bare values",
      '::error file=tests/fixtures/broken-site/runs/demo/csvrun/history.csv,line=3,col=3,title=RUN012::expected a number in column "loss", found "oops"%0Ahint: metric cells hold numbers; leave a cell empty (or write nan) for a gap',
    ]);
    // The human-readable list is still there, and the count line stays last.
    expect(out.lines.at(-2)).toBe("runfolio check: 4 errors, 0 warnings in 1 run and 1 report");
  });

  it("emits warnings as ::warning and exits 0 in GitHub Actions too", async () => {
    const out = await run(["--root", "tests/fixtures/warning-site"], { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: repoRoot });
    expect(out.code).toBe(0);
    expect(out.lines.filter((l) => l.startsWith("::"))).toEqual([
      '::warning file=tests/fixtures/warning-site/runs/demo/a.json,line=3,col=3,title=RUN003::unknown key "owner" (it is ignored)%0Ahint: known keys: name, group, tags, state, created, duration, notes, git, config, summary, history, format_version',
      '::warning file=tests/fixtures/warning-site/runs/demo/a.json,line=4,col=60,title=RUN011::column "unused" has no values%0Ahint: the metric is kept with only gaps; remove the column if it is not needed',
    ]);
  });

  it("escapes %, CR, LF in messages and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("C:\\runs\\a,b%\n")).toBe("C%3A\\runs\\a%2Cb%25%0A");
    const line = workflowCommand(
      { file: "x", line: 2, column: 5, severity: "warning", code: "X:1,2", message: "50% of\r\nruns: a, b", hint: "try: this" },
      "runs/p,q:r%/a.json",
    );
    expect(line).toBe("::warning file=runs/p%2Cq%3Ar%25/a.json,line=2,col=5,title=X%3A1%2C2::50%25 of%0D%0Aruns: a, b%0Ahint: try: this");
  });

  describe("on a run file whose path needs escaping", () => {
    let dir: string;
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it("escapes the path in the file property", async () => {
      dir = await mkdtemp(path.join(tmpdir(), "runfolio-check-"));
      // ',' is the one character a publishable name may hold that a workflow command property escapes.
      await mkdir(path.join(dir, "runs", "p,q"), { recursive: true });
      await writeFile(path.join(dir, "runs", "p,q", "bad.json"), '{ "name": "x",\n  "config": }\n');
      const out = await run(["--root", dir], { GITHUB_ACTIONS: "true", GITHUB_WORKSPACE: dir });
      expect(out.code).toBe(1);
      const annotations = out.lines.filter((l) => l.startsWith("::"));
      expect(annotations.length).toBeGreaterThan(0);
      expect(annotations.every((l) => l.startsWith("::error file=runs/p%2Cq/bad.json,line="))).toBe(true);
      expect(out.stdout).toMatch(/^runs\/p,q\/bad\.json:2:\d+: error RUN001: /m);
    });
  });

  it("refuses unknown arguments and a folder without runs/ or reports/ with exit code 2", async () => {
    const bad = await run(["--fix"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown argument "--fix"');
    const empty = await run(["--root", "src/cli"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("has neither runs/ nor reports/");
    const missing = await run(["--root", "no/such/dir"]);
    expect(missing.code).toBe(2);
    expect((await run(["--root"])).code).toBe(2);
  });

  it("runs as the package's `check` script and sets the exit code", async () => {
    const script = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8")).scripts.check as string;
    const [bin, ...flags] = script.split(" ");
    expect(bin).toBe("node");
    const child = spawnSync(process.execPath, [...flags, "--root", "tests/fixtures/broken-site"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "" } });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(1);
    expect(child.stdout).toContain("runfolio check: 4 errors, 0 warnings in 1 run and 1 report\n");
  }, 120_000); // a new Node process
});
