/**
 * Files written by real tools (../shared/fixtures/real, read in place, never copied): every
 * .json/.jsonl/.csv goes through the matching pure parser as if it were a run file. Each must load
 * or produce positioned error diagnostics; none may throw.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseRunJson } from "./parseRunJson.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const realDir = path.resolve(repoRoot, "../shared/fixtures/real");
const present = existsSync(realDir);
if (!present) console.warn(`skipping: ../shared/fixtures/real not found (looked in ${realDir})`);

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else if (/\.(json|jsonl|csv)$/i.test(name)) out.push(full);
  }
  return out;
}

function parseAsRun(file: string): { loaded: boolean; diagnostics: Diagnostic[] } {
  const text = readFileSync(file, "utf8");
  const name = path.basename(file).replace(/\.[^.]+$/, "");
  if (file.endsWith(".csv")) {
    const r = parseHistoryCsv({ path: `runs/real/${name}/history.csv`, text });
    return { loaded: r.history !== null, diagnostics: r.diagnostics };
  }
  if (file.endsWith(".jsonl")) {
    const r = parseHistoryJsonl({ path: `runs/real/${name}/history.jsonl`, text });
    return { loaded: r.history !== null, diagnostics: r.diagnostics };
  }
  const r = parseRunJson({ path: `runs/real/${name}.json`, text });
  return { loaded: r.meta !== null, diagnostics: r.diagnostics };
}

const read = (rel: string): string => readFileSync(path.join(realDir, rel), "utf8");

describe.skipIf(!present)("real files from ../shared/fixtures/real", () => {
  const files = present ? listFiles(realDir) : [];

  it("finds files to read", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [path.relative(realDir, f)]))("%s loads or reports positioned errors", (rel) => {
    const { loaded, diagnostics } = parseAsRun(path.join(realDir, rel));
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.message).not.toBe("");
    }
    if (!loaded) expect(diagnostics.some((d) => d.severity === "error")).toBe(true);
  });

  it("reads a Lightning CSVLogger file (CRLF) with its first train/loss value", () => {
    const { history, diagnostics } = parseHistoryCsv({
      path: "runs/real/v0/history.csv",
      text: read("lightning_csv/byol3d-deepmind-research-fork/lightning_logs/version_0/metrics.csv"),
    });
    expect(diagnostics).toEqual([]);
    expect(Array.from(history!.step)).toEqual([0, 1, 2, 3]);
    expect(history!.metrics["train/loss"]![0]).toBe(3.8805861473083496);
    expect(history!.metrics["train/tau"]![3]).toBe(0.9985355138778687);
  });

  it("reads the 18,750-row Lightning file and keeps sparse validation rows as gaps", () => {
    const big = parseHistoryCsv({ path: "runs/real/v12/history.csv", text: read("lightning_csv/byol3d-deepmind-research-fork/lightning_logs/version_12/metrics.csv") });
    expect(big.history!.step.length).toBe(18750);
    const arc = parseHistoryCsv({ path: "runs/real/arc/history.csv", text: read("lightning_csv/ArcRoute/lightning_logs/version_0/metrics.csv") });
    expect(arc.history!.step.length).toBe(189);
    expect(arc.history!.step[0]).toBe(49);
    expect(arc.history!.metrics["val/reward"]![0]).toBeNaN();
    expect(arc.history!.metrics["train/loss"]![0]).toBe(-0.02284548431634903);
  });

  it("keeps genrisk's nan tokens as gaps, never zeros, and counts them", () => {
    const { history, diagnostics, nonFinite } = parseHistoryCsv({ path: "runs/real/genrisk/history.csv", text: read("lightning_csv/genrisk/lightning_logs/version_0/metrics.csv") });
    expect(diagnostics).toEqual([]);
    expect(history!.step.length).toBe(320);
    expect(history!.metrics.train_disc_loss![0]).toBe(1.6226933508321501e24);
    expect(history!.metrics.train_gen_loss![0]).toBeNaN();
    expect(Array.from(history!.metrics.train_disc_loss!).filter((v) => v === 0)).toEqual([]);
    expect(nonFinite).toBeGreaterThan(600);
  });

  it("reads bare Infinity in a DVC plot file and locates the unsupported media values in W&B history", () => {
    const roc = parseRunJson({ path: "runs/real/roc.json", text: read("dvc/example-get-started-2023-dvclive/eval/live/plots/sklearn/roc/test.json") });
    expect(roc.diagnostics.filter((d) => d.code === "RUN001")).toEqual([]);
    const wandb = parseHistoryJsonl({ path: "runs/real/si/history.jsonl", text: read("wandb/spaceinvaders-wandb-challenge/wandb/wandb-history.jsonl") });
    const first = wandb.diagnostics[0]!;
    expect(first).toMatchObject({ line: 3, code: "RUN008" });
  });
});
