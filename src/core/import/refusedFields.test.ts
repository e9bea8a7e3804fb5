import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { parseRunJson } from "../runs/parseRunJson.ts";
import { importRuns, type ImportFn } from "./importRuns.ts";
import { newRun } from "./newRun.ts";
import { leaveOutRefusedFields } from "./refusedFields.ts";
import { importWandb } from "./wandb/index.ts";
import { writeRunFolder } from "./writeRunFolder.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);
const loads = (run: Parameters<typeof writeRunFolder>[0]) =>
  parseRunJson({ path: "run.json", text: writeRunFolder(run)["run.json"] }).diagnostics.filter((d) => d.severity === "error");

describe("leaveOutRefusedFields", () => {
  it("leaves out a value run.json may not hold, with a warning naming it, and keeps the rest", () => {
    const run = newRun("r1", "p", ["src/r1/summary.json"]);
    run.duration = -1;
    run.created = "2024-13-45T99:00:00Z";
    run.notes = "kept";
    run.config = { lr: 0.1 };
    const diagnostics: Diagnostic[] = [];
    const kept = leaveOutRefusedFields([run], diagnostics);
    expect(kept).toEqual([run]);
    expect(run.duration).toBeNull();
    expect(run.created).toBeNull();
    expect(run.notes).toBe("kept");
    expect(diagnostics.map((d) => [d.code, d.severity, d.file, d.line, d.column])).toEqual([
      ["IMP042", "warning", "src/r1/summary.json", 1, 1],
      ["IMP042", "warning", "src/r1/summary.json", 1, 1],
    ]);
    expect(diagnostics[0]!.message).toContain('run "r1": its created cannot be written');
    expect(diagnostics[1]!.message).toMatch(/its duration cannot be written to run\.json \(.*non-negative.*-1\)/);
    expect(loads(run)).toEqual([]);
  });

  it("keeps a run whose values all load, untouched and without a word", () => {
    const run = newRun("r2", "p", ["a.json"]);
    run.duration = 0;
    run.created = "2024-01-02T03:04:05.000Z";
    run.group = "g";
    const before = structuredClone(run);
    const diagnostics: Diagnostic[] = [];
    expect(leaveOutRefusedFields([run], diagnostics)).toEqual([before]);
    expect(diagnostics).toEqual([]);
  });
});

describe("importRuns", () => {
  it("writes a W&B run whose recorded runtime is negative without a duration, and says so", () => {
    const dir = "wandb/run-20240101_000000-abc123/files";
    const result = importRuns(
      [
        { path: `${dir}/wandb-summary.json`, bytes: utf8('{"_wandb": {"runtime": -3}, "loss": 0.5, "_step": 2}') },
        { path: `${dir}/config.yaml`, bytes: utf8("lr:\n  value: 0.1\n") },
      ],
      { project: "p", format: "wandb", importers: { wandb: importWandb as ImportFn } },
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.runs).toHaveLength(1);
    const run = result.runs[0]!;
    expect(run.duration).toBeNull();
    expect(run.summary.loss).toBe(0.5);
    expect(result.diagnostics.filter((d) => d.code === "IMP042").map((d) => d.message)).toEqual([expect.stringContaining("its duration cannot be written")]);
    expect(loads(run)).toEqual([]);
  });
});
