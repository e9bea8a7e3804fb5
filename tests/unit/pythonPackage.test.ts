/**
 * python/ as a pip package: installed into a fresh virtual environment with no network
 * (`pip install --no-index --no-build-isolation ./python`, the standard-library build backend in
 * python/_build/), imported as `runfolio` from outside the repository, and the run it logs read
 * by the project's loader. Skipped, with a message, without python3 and its venv module.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clearRunCaches, loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const probe = spawnSync("python3", ["-c", "import venv, ensurepip"], { encoding: "utf8" });
const hasVenv = probe.status === 0;
// Seeding a venv with its own pip (ensurepip) takes a minute on a busy machine; when the base
// Python has pip, the venv borrows it (its installs still go into the venv).
const basePip = spawnSync("python3", ["-m", "pip", "--version"], { encoding: "utf8" }).status === 0;
const venvArgs = basePip ? ["--without-pip", "--system-site-packages"] : [];
if (!hasVenv) console.warn("skipping the Python package test: no python3 with venv and ensurepip");

const work = mkdtempSync(path.join(tmpdir(), "runfolio-pip-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(!hasVenv)("pip install ./python", { timeout: 300_000 }, () => {
  it("installs the logger as the module runfolio into a fresh venv without network, and the run it logs loads clean", async () => {
    const venv = path.join(work, "venv");
    const made = spawnSync("python3", ["-m", "venv", ...venvArgs, venv], { encoding: "utf8" });
    expect(made.status, made.stderr).toBe(0);
    const python = path.join(venv, "bin", "python");
    const install = spawnSync(python, ["-m", "pip", "install", "--no-index", "--no-build-isolation", "--disable-pip-version-check", path.join(repoRoot, "python")], { encoding: "utf8" });
    expect(install.status, install.stdout + install.stderr).toBe(0);
    expect(install.stdout).toContain("Successfully installed runfolio-0.1.0");

    const project = path.join(work, "project");
    mkdirSync(project);
    writeFileSync(
      path.join(project, "train.py"),
      [
        "import runfolio",
        "assert runfolio.__file__.startswith(" + JSON.stringify(venv) + "), runfolio.__file__",
        'run = runfolio.init(project="pip", name="installed", config={"lr": 0.01})',
        "for step in range(3):",
        '    run.log({"loss": 1.0 / (step + 1)})',
        "run.finish()",
      ].join("\n"),
    );
    const trained = spawnSync(python, ["train.py"], { cwd: project, encoding: "utf8" });
    expect(trained.status, trained.stderr).toBe(0);

    const runJson = JSON.parse(readFileSync(path.join(project, "runs/pip/installed/run.json"), "utf8"));
    expect(runJson.format_version).toBe(1);
    clearRunCaches();
    const { runs, diagnostics } = await loadAllRuns(project);
    expect(diagnostics).toEqual([]);
    expect(runs.map((r) => [r.id, r.state, r.steps, r.config.lr])).toEqual([["pip/installed", "finished", 3, 0.01]]);
    const history = await readHistory(project, runs[0]!);
    expect(Array.from(history!.metrics.loss!)).toEqual([1, 0.5, 1 / 3]);

    const show = spawnSync(python, ["-m", "pip", "show", "runfolio"], { encoding: "utf8" });
    expect(show.stdout).toMatch(/^Name: runfolio$/m);
  });
});
