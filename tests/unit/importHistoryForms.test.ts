/**
 * `runfolio import --history csv|csv.gz|parquet`: every form loads back to the same runs and the
 * same histories, and re-importing gives the same bytes (the run folder is left untouched).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importCommand } from "../../src/cli/commands/import.ts";
import { HISTORY_FORMS, type HistoryForm } from "../../src/core/import/historyForms.ts";
import { clearRunCaches, loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import type { History } from "../../src/core/run.ts";
import { repoRoot } from "./importFixtureFiles.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "runfolio-history-forms-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function runImport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await importCommand(args, { cwd: tmp, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** Every run of a data root with its history and diagnostics, file names reduced to the run folder. */
async function loaded(root: string, form: HistoryForm): Promise<{ ids: string[]; histories: History[]; diagnostics: string[]; files: string[] }> {
  clearRunCaches();
  const { runs, diagnostics } = await loadAllRuns(root);
  return {
    ids: runs.map((r) => r.id),
    histories: await Promise.all(runs.map((r) => readHistory(root, r))),
    // A Parquet position is a row (1 = the first row); in CSV that row is a line further down, below the header.
    diagnostics: diagnostics.map((d) => `${d.file.replace(/history\.[a-z.]+$/, "history")}:${form === "parquet" && d.file.endsWith(".parquet") ? d.line + 1 : d.line}:${d.code}`),
    files: runs.flatMap((r) => r.source.files.map((f) => f.slice(f.lastIndexOf("/") + 1))),
  };
}

const FIXTURES = ["keras-validation-freq", "tensorboard-resumed", "wandb-chart-grouped"];
const NAMES: Record<HistoryForm, string> = { csv: "history.csv", "csv.gz": "history.csv.gz", parquet: "history.parquet" };

describe("runfolio import --history", () => {
  it.each(FIXTURES)("%s: csv, csv.gz and parquet load to the same histories", async (fixture) => {
    const input = path.join(repoRoot, "tests/fixtures/import", fixture);
    const results = [];
    for (const form of HISTORY_FORMS) {
      const out = path.join(tmp, fixture, form);
      const first = await runImport([input, "--project", "p", "--out", path.join(out, "runs"), "--history", form]);
      expect(first.code).toBe(0);
      const result = await loaded(out, form);
      expect(result.ids.length).toBeGreaterThan(0);
      expect(new Set(result.files)).toEqual(new Set(["run.json", NAMES[form]]));
      results.push(result);
      const again = await runImport([input, "--project", "p", "--out", path.join(out, "runs"), "--history", form]);
      expect(again.stdout).not.toContain("(written)");
      expect(again.stdout).toContain("(unchanged)");
    }
    const [csv, ...others] = results;
    expect(csv!.histories.some((h) => h.step.length > 0)).toBe(true);
    for (const other of others) {
      expect(other.ids).toEqual(csv!.ids);
      expect(other.diagnostics).toEqual(csv!.diagnostics);
      expect(other.histories).toEqual(csv!.histories);
    }
  }, 120_000);

  it("switching forms replaces the history file instead of leaving two", async () => {
    const input = path.join(repoRoot, "tests/fixtures/import/keras-validation-freq");
    const out = path.join(tmp, "switch", "runs");
    await runImport([input, "--project", "p", "--out", out]);
    await runImport([input, "--project", "p", "--out", out, "--history", "parquet"]);
    const [run] = readdirSync(path.join(out, "p"));
    expect(readdirSync(path.join(out, "p", run!)).sort()).toEqual(["history.parquet", "run.json"]);
  });

  it("refuses an unknown form", async () => {
    const r = await runImport(["x", "--history", "feather"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--history needs one of csv, csv.gz, parquet, found "feather"');
  });
});
