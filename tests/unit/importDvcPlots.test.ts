/**
 * DVC plot data and dvclive images brought into the run folder (issue 16), on small projects
 * written here in the layouts DVC and dvclive use.
 */
import { describe, expect, it } from "vitest";
import { dvcImporter, importDvc } from "../../src/core/import/dvc.ts";
import type { ImportFile } from "../../src/core/import/importFile.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 5]);

function project(extra: ImportFile[]): ImportFile[] {
  return [
    { path: "proj/params.yaml", text: "lr: 0.1\n" },
    { path: "proj/dvclive/metrics.json", text: '{"acc": 0.5, "step": 2}' },
    { path: "proj/dvclive/plots/metrics/acc.tsv", text: "step\tacc\n0\t0.1\n1\t0.3\n2\t0.5\n" },
    ...extra,
  ];
}

describe("DVC plots and images", () => {
  it("reads dvclive's sklearn confusion pairs, a dvc.yaml confusion template with its own fields, and a points list", () => {
    const r = importDvc(
      project([
        {
          path: "proj/dvc.yaml",
          text: "plots:\n  - Confusion:\n      template: confusion\n      x: truth\n      y:\n        eval/cm.json: guess\n  - eval/roc.json:\n      x: fpr\n      y: tpr\n",
        },
        { path: "proj/dvclive/plots/sklearn/cm/test.json", text: '{"cm": [{"actual": "cat", "predicted": "cat"}, {"actual": "dog", "predicted": "cat"}]}' },
        { path: "proj/eval/cm.json", text: '[{"truth": 1, "guess": 0}, {"truth": 0, "guess": 0}]' },
        { path: "proj/eval/roc.json", text: '[{"fpr": 0, "tpr": 0, "threshold": Infinity}, {"fpr": 0.5, "tpr": 1, "threshold": 0.3}]' },
      ]),
      { project: "p" },
    );
    expect(r.diagnostics).toEqual([]);
    const files = r.runs[0]!.files!;
    expect(files["plots/cm-test.json"]).toBe('{"type":"confusion","labels":["cat","dog"],"y_true":["cat","dog"],"y_pred":["cat","cat"]}\n');
    expect(files["plots/eval-cm.json"]).toBe('{"type":"confusion","labels":[0,1],"y_true":[1,0],"y_pred":[0,0]}\n');
    expect(files["plots/eval-roc.json"]).toBe('{"type":"roc","points":{"x":[0,0.5],"y":[0,1]}}\n');
  });

  it("copies dvclive images and declared plot images as media, with the step from the path or the last step", () => {
    const r = importDvc(
      project([
        { path: "proj/dvc.yaml", text: "plots:\n  - eval/importance.png\n" },
        { path: "proj/eval/importance.png", bytes: PNG },
        { path: "proj/dvclive/plots/images/samples/1.png", bytes: PNG },
        { path: "proj/dvclive/plots/images/pred.png", bytes: PNG },
      ]),
      { project: "p" },
    );
    const files = r.runs[0]!.files!;
    expect(String(files["media.jsonl"]).trimEnd().split("\n").map((l) => JSON.parse(l) as unknown)).toEqual([
      { step: 2, key: "eval/importance", file: "media/eval/importance/2_0.png" },
      { step: 1, key: "samples", file: "media/samples/1_0.png" },
      { step: 2, key: "pred", file: "media/pred/2_0.png" },
    ]);
    expect(files["media/samples/1_0.png"]).toEqual(PNG);
  });

  it("reads the bytes of images in plot and evaluation folders only, and counts a declared image it was not given", () => {
    expect(dvcImporter.wantsBytes!("proj/dvclive/plots/images/a.png")).toBe(true);
    expect(dvcImporter.wantsBytes!("proj/eval/importance.png")).toBe(true);
    expect(dvcImporter.wantsBytes!("proj/data/train/cat/0001.jpg")).toBe(false);
    expect(dvcImporter.wantsBytes!("proj/eval/metrics.json")).toBe(false);
    const r = importDvc(project([{ path: "proj/dvc.yaml", text: "plots:\n  - figs/loss.png\n" }, { path: "proj/figs/loss.png" }]), { project: "p" });
    expect(r.runs[0]!.files).toBeUndefined();
    expect(r.skipped).toContainEqual(expect.objectContaining({ what: "plot image figs/loss.png", count: 1 }));
  });

  it("keeps the run when a plot has a bad value (a warning naming the column), and counts data it cannot read as a plot", () => {
    const r = importDvc(
      project([
        { path: "proj/plots/roc.json", text: '{"roc": [{"fpr": 0, "tpr": "high"}]}' },
        { path: "proj/plots/importance.csv", text: "feature,weight\na,0.5\n" },
      ]),
      { project: "p" },
    );
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0]!.files).toBeUndefined();
    expect(r.diagnostics).toMatchObject([{ code: "IMP050", severity: "warning", file: "proj/plots/roc.json" }]);
    expect(r.diagnostics[0]!.message).toBe('plot data: expected a number in "tpr", found "high"');
    expect(r.skipped).toContainEqual(expect.objectContaining({ what: "plot data files (plots/roc.json, plots/importance.csv)", count: 2 }));
  });
});
