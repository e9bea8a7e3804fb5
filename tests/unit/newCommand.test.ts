import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { checkProject } from "../../src/check/checkProject.ts";
import { newCommand } from "../../src/cli/commands/new.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const tmp = await mkdtemp(path.join(tmpdir(), "runfolio-new-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

const CLOCK = () => new Date("2026-11-20T23:30:00Z");
const METRIC = 'val/loss: avg #1 "q"';

async function run(args: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await newCommand(args, { cwd, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) }, CLOCK);
  return { code, stdout, stderr };
}

/**
 * A data folder with generated runs: a learning-rate × seed sweep in `sweep` (history with an
 * awkward metric name, a config key that needs backticks) and a smaller `other` project.
 */
async function dataDir(name: string, { runs = true } = {}): Promise<string> {
  const root = path.join(tmp, name);
  await mkdir(path.join(root, "reports"), { recursive: true });
  if (!runs) return root;
  let n = 0;
  for (const lr of [1e-3, 3e-4]) {
    for (const seed of [1, 2]) {
      n++;
      const end = 3 + (lr === 1e-3 ? 0 : 0.3) + seed / 100;
      await writeRun(root, `sweep/lr-${lr}-seed${seed}.json`, {
        config: { optimizer: { name: "adamw", lr }, seed, "lr-schedule": "cosine", layers: 12 },
        history: { step: [0, 100, 200], "train/loss": [10, 5, end - 0.2], [METRIC]: [11, 6, end], epoch: [0, 1, 2] },
        created: `2026-01-0${n}T10:00:00Z`,
      });
    }
  }
  await writeRun(root, "other/a.json", { config: { lr: 1 }, summary: { acc: 0.5 } });
  return root;
}

async function writeRun(root: string, file: string, run: unknown): Promise<void> {
  const target = path.join(root, "runs", file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, JSON.stringify(run, null, 2));
}

describe("runfolio new", () => {
  it("writes reports/<slug>.md from the runs, says so in two lines, and the report checks clean", async () => {
    const root = await dataDir("basic");
    const out = await run(["lr-sweep", "--title", 'LR sweep: "adamw" #1'], root);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout.split("\n")).toEqual([
      'wrote reports/lr-sweep.md: 4 runs (project = "sweep"): a line chart of val/loss: avg #1 "q", a runs table of 4 columns, a comparison of the two best runs',
      "preview: npx runfolio dev, then open http://localhost:4321/reports/lr-sweep/",
      "",
    ]);
    const text = await readFile(path.join(root, "reports/lr-sweep.md"), "utf8");
    expect(text).toBe(
      [
        "---",
        `title: 'LR sweep: "adamw" #1'`,
        "date: 2026-11-20",
        'runs: project = "sweep"',
        "# description: one line for report lists and link previews",
        "---",
        "",
        "<!-- Written by `runfolio new` from 4 runs: a starting point to edit freely.",
        "     Block keys: docs/blocks.md. Run-set expressions: docs/expressions.md. -->",
        "",
        "What question do these runs answer, and what did you find? Replace this paragraph with the",
        "setup, the result and what to try next.",
        "",
        "## Learning curve",
        "",
        "```chart",
        `y: 'val/loss: avg #1 "q"'`,
        "```",
        "",
        "## Runs",
        "",
        "```runs",
        "columns:",
        "  - name",
        "  - config.optimizer.lr",
        "  - config.seed",
        "  - 'summary.`val/loss: avg #1 \"q\"`'",
        "sort: 'summary.`val/loss: avg #1 \"q\"`'",
        "highlight:",
        "  min: 'summary.`val/loss: avg #1 \"q\"`'",
        "```",
        "",
        "## The two best runs",
        "",
        "```compare",
        'runs: id in ["sweep/lr-0.001-seed1", "sweep/lr-0.001-seed2"]',
        "```",
        "",
      ].join("\n"),
    );
    const checked = await checkProject(root);
    expect(checked.diagnostics).toEqual([]);
    expect(checked.reports).toBe(1);
  });

  it("never overwrites an existing report", async () => {
    const root = await dataDir("exists");
    const file = path.join(root, "reports/notes.md");
    await writeFile(file, "---\ntitle: Mine\n---\n");
    const out = await run(["notes"], root);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe("runfolio new: reports/notes.md already exists and was not changed (choose another name, or delete the file first)\n");
    expect(await readFile(file, "utf8")).toBe("---\ntitle: Mine\n---\n");
    // The second of two identical calls is refused the same way.
    expect((await run(["twice"], root)).code).toBe(0);
    expect((await run(["twice"], root)).code).toBe(1);
  });

  it("refuses a bad report name, saying what was expected and what was found", async () => {
    const root = await dataDir("slug");
    const out = await run(["Lr Sweep"], root);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      'runfolio new: invalid report name "Lr Sweep": expected lowercase letters, digits and "-", starting with a letter or digit, found "L", " ", "S"\n' +
        "  hint: try `runfolio new lr-sweep`\n",
    );
    const asPath = await run(["reports/lr-sweep.md"], root);
    expect(asPath.code).toBe(2);
    expect(asPath.stderr).toContain("without reports/ and .md");
    expect(existsSync(path.join(root, "reports/Lr Sweep.md"))).toBe(false);
  });

  it("reports a bad --runs expression as runfolio check prints a diagnostic, and writes nothing", async () => {
    const root = await dataDir("expr");
    const out = await run(["x", "--runs", 'project = "sweep" and config.lr >='], root);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe(
      [
        "--runs:1:35: error EXPR008: expected a value after '>=', found end of input",
        '  1 | project = "sweep" and config.lr >=',
        "                                        ^",
        "",
        "runfolio new: not written: fix --runs (the diagnostic above)",
        "",
      ].join("\n"),
    );
    const typo = await run(["x", "--runs=confg.lr > 1"], root);
    expect(typo.stderr).toMatch(/^--runs:1:1: error EXPR012: unknown field 'confg'\n {2}1 \| confg\.lr > 1\n {6}\^{5}\n {2}hint: did you mean config\.lr\?\n/);
    const none = await run(["x", "--runs", 'project = "swep"'], root);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("--runs:1:1: error BLOCK008: the run set `project = \"swep\"` selects no run");
    expect(none.stderr).toContain("the 5 run(s) are in the project(s) other (1), sweep (4)");
    expect(existsSync(path.join(root, "reports/x.md"))).toBe(false);
  });

  it("takes the run set from --runs", async () => {
    const root = await dataDir("given");
    const out = await run(["seed-2", `--runs=config.seed = 2 and name ~ "^lr-"`], root);
    expect(out.code).toBe(0);
    const text = await readFile(path.join(root, "reports/seed-2.md"), "utf8");
    const front = parseYaml(text.split("---\n")[1]!) as Record<string, unknown>;
    expect(front).toEqual({ title: "Seed 2", date: "2026-11-20", runs: 'config.seed = 2 and name ~ "^lr-"' });
    expect(out.stdout).toContain("2 runs (config.seed = 2 and name ~ \"^lr-\")");
    expect((await checkProject(root)).diagnostics).toEqual([]);
  });

  it("with no runs, writes a valid report of commented guidance and says so", async () => {
    const root = await dataDir("empty", { runs: false });
    const out = await run(["first-look"], root);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("wrote reports/first-look.md: there are no runs under runs/ yet, so its chart and table are commented-out guidance in the file\n");
    const text = await readFile(path.join(root, "reports/first-look.md"), "utf8");
    expect(text).toContain("There are no runs under runs/ yet");
    const checked = await checkProject(root);
    expect(checked).toEqual({ diagnostics: [], runs: 0, reports: 1, media: [] });
  });

  it("gives the same bytes for the same runs and day", async () => {
    const root = await dataDir("same");
    await run(["a", "--title", "T"], root);
    await run(["b", "--title", "T"], root);
    expect(await readFile(path.join(root, "reports/b.md"), "utf8")).toBe(await readFile(path.join(root, "reports/a.md"), "utf8"));
  });

  it("resolves --root against the working directory and checks it like runfolio check", async () => {
    await dataDir("rooted");
    const out = await run(["r", "--root", "rooted"], tmp);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("wrote rooted/reports/r.md: ");
    expect((await run(["r", "--root", "no/such/dir"], tmp)).code).toBe(2);
    const bare = path.join(tmp, "bare");
    await mkdir(bare, { recursive: true });
    const neither = await run(["r", "--root", bare], tmp);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain("has neither runs/ nor reports/");
    expect(existsSync(path.join(bare, "reports"))).toBe(false);
  });

  it("explains its usage", async () => {
    expect((await run(["--help"], tmp)).stdout).toMatch(/^usage: runfolio new <slug>/);
    expect((await run([], tmp)).code).toBe(2);
    expect((await run(["a", "b"], tmp)).stderr).toContain('expected one report name (the <slug> of reports/<slug>.md), found "a", "b"');
    expect((await run(["a", "--title"], tmp)).stderr).toContain("--title needs a value");
    expect((await run(["a", "--force"], tmp)).stderr).toContain('unknown option "--force"');
  });

  it("runs as `runfolio new` through the bin script", async () => {
    const root = await dataDir("bin");
    const child = spawnSync(process.execPath, [path.join(repoRoot, "bin/runfolio.mjs"), "new", "from-bin"], { cwd: root, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^wrote reports\/from-bin\.md: 4 runs/);
    expect(existsSync(path.join(root, "reports/from-bin.md"))).toBe(true);
  }, 120_000); // a new Node process
});
