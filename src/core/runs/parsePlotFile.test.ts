import { describe, expect, it } from "vitest";
import { classifyRunFiles } from "./classifyRunFiles.ts";
import { parseRunFolder } from "./parseRunFolder.ts";
import { parsePlotFile } from "./parsePlotFile.ts";

const plot = (text: string, path = "runs/p/r/plots/eval.json") => parsePlotFile({ path, text });

describe("parsePlotFile", () => {
  it("keeps given counts and names the plot after its file", () => {
    const r = plot('{"type": "confusion", "labels": ["cat", 2], "matrix": [[3, 1], [0, 4]]}');
    expect(r.diagnostics).toEqual([]);
    expect(r.plots).toEqual([{ type: "confusion", labels: ["cat", "2"], matrix: [[3, 1], [0, 4]], name: "eval", file: "runs/p/r/plots/eval.json", step: null }]);
  });

  it("counts a confusion matrix from true and predicted labels", () => {
    const r = plot('{"type": "confusion", "labels": [0, 1], "y_true": [0, 0, 1, 1, 1], "y_pred": [0, 1, 1, 1, 0], "step": 7}');
    expect(r.plots[0]).toMatchObject({ type: "confusion", labels: ["0", "1"], matrix: [[1, 1], [1, 2]], step: 7 });
  });

  it("computes a binary ROC curve and its AUC from scores (0/1 or booleans)", () => {
    const r = plot('{"type": "roc", "y_true": [true, false, 1, 1, 0], "scores": [0.9, 0.8, 0.7, 0.7, 0.2]}');
    expect(r.diagnostics).toEqual([]);
    const [curve] = (r.plots[0] as { curves: { class: string | null; x: number[]; area: number }[] }).curves;
    expect(curve!.class).toBeNull();
    expect(curve!.x).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(curve!.area).toBeCloseTo(2 / 3, 12);
  });

  it("computes one-vs-rest PR curves with average precision per class, one score row per example", () => {
    // Class a: positives are examples 0 and 2; its scores 0.7, 0.2, 0.6 rank both first: AP 1.
    // Class b: the positive (example 1) has score 0.8, ranked first: AP 1. Class c has no positive.
    const r = plot('{"type": "pr", "labels": ["a", "b", "c"], "y_true": ["a", "b", "a"], "scores": [[0.7, 0.2, 0.1], [0.2, 0.8, 0.0], [0.6, 0.3, 0.1]]}');
    const curves = (r.plots[0] as { curves: { class: string; area: number | null }[] }).curves;
    expect(curves.map((c) => [c.class, c.area])).toEqual([["a", 1], ["b", 1], ["c", null]]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RUN078"]);
  });

  it("takes ROC points as given, with the trapezoid area", () => {
    const r = plot('{"type": "roc", "points": {"x": [0, 0.5, 1], "y": [0, 1, 1]}}');
    expect(r.plots[0]).toMatchObject({ curves: [{ class: null, x: [0, 0.5, 1], y: [0, 1, 1], area: 0.75 }] });
    const pr = plot('{"type": "pr", "points": {"x": [0, 1], "y": [1, 0.5]}}');
    expect(pr.plots[0]).toMatchObject({ curves: [{ area: null }] });
  });

  it("reads a list of plots, one per step, in step order", () => {
    const r = plot('[{"type": "confusion", "labels": ["a"], "matrix": [[2]], "step": 5}, {"type": "confusion", "labels": ["a"], "matrix": [[1]], "step": 1}]');
    expect(r.plots.map((p) => p.step)).toEqual([1, 5]);
  });

  it("yields no plots from a file with an error", () => {
    const r = plot('{"type": "confusion", "labels": ["a", "b"], "matrix": [[1, 2]]}');
    expect(r.plots).toEqual([]);
    expect(r.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[1, 55, "RUN071"]]);
  });
});

describe("plots in run folders", () => {
  it("joins plots/<name>.json to the run folder above, after run.json and the history", () => {
    const { sources, diagnostics } = classifyRunFiles(["runs/p/r/plots/roc.json", "runs/p/r/history.csv", "runs/p/r/plots/cm.json", "runs/p/r/run.json", "runs/p/plots/x.json"]);
    expect(diagnostics).toEqual([]);
    expect(sources).toEqual([
      { format: "json", id: "p/plots/x", files: ["runs/p/plots/x.json"] },
      { format: "folder", id: "p/r", files: ["runs/p/r/run.json", "runs/p/r/history.csv", "runs/p/r/plots/cm.json", "runs/p/r/plots/roc.json"] },
    ]);
  });

  it("puts the plots on the run; a broken plot file leaves the run and its other plots in", () => {
    const parsed = parseRunFolder("p/r", [
      { path: "runs/p/r/run.json", text: '{"name": "r"}' },
      { path: "runs/p/r/plots/bad.json", text: '{"type": "roc"}' },
      { path: "runs/p/r/plots/cm.json", text: '{"type": "confusion", "labels": ["a"], "matrix": [[4]]}' },
    ]);
    expect(parsed.run?.plots?.map((p) => p.name)).toEqual(["cm"]);
    expect(parsed.diagnostics.map((d) => [d.file, d.message])).toEqual([
      ["runs/p/r/plots/bad.json", "expected a non-empty list with one true label per example for `y_true`, found nothing"],
      ["runs/p/r/plots/bad.json", "expected a list with one score per example for `scores`, found nothing"],
    ]);
  });

  it("leaves `plots` off runs without plot files", () => {
    const parsed = parseRunFolder("p/r", [{ path: "runs/p/r/run.json", text: "{}" }]);
    expect(parsed.run && "plots" in parsed.run).toBe(false);
  });
});
