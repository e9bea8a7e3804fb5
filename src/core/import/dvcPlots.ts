/**
 * DVC plot data → the run format's evaluation plots (`plots/<name>.json`, docs/run-format.md
 * "Evaluation plots") and images → media. What a data file is comes from its `dvc.yaml` plot
 * definition when it has one (`template: confusion` with `x`/`y` fields) and otherwise from its
 * fields, as DVC's own templates read them: `fpr`/`tpr` is an ROC curve, `precision`/`recall` a PR
 * curve, `actual`/`predicted` (or `y_true`/`y_pred`) pairs a confusion matrix. Data files are JSON
 * (a list of objects, or an object holding one such list, as dvclive and scikit-learn write them)
 * or CSV/TSV with a header. Anything else stays listed under skipped.
 */
import type { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { cellValue, readJson, readTable } from "./readFiles.ts";
import { mediaMessages } from "./mediaMessages.ts";

/** A `dvc.yaml` plot definition's fields for one data file. */
export interface PlotSpec {
  template?: string;
  x?: string;
  y?: string;
}

export type DvcPlot =
  | { type: "roc" | "pr"; points: { x: number[]; y: number[] } }
  | { type: "confusion"; labels: (string | number)[]; y_true: (string | number)[]; y_pred: (string | number)[] };

/** Plot definitions by data-file path (relative to the project root), from a parsed dvc.yaml. */
export function plotSpecs(dvc: Record<string, unknown>): Map<string, PlotSpec> {
  const out = new Map<string, PlotSpec>();
  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const take = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (!isObject(item)) continue;
      for (const [name, def] of Object.entries(item)) {
        if (!isObject(def)) continue;
        const template = str(def.template);
        const x = str(def.x);
        // Top-level form: `y: {file: field}` names the data files; stage form: the key is the file.
        if (isObject(def.y)) for (const [file, field] of Object.entries(def.y)) out.set(clean(file), { ...(template ? { template } : {}), ...(x ? { x } : {}), ...(typeof field === "string" ? { y: field } : {}) });
        else out.set(clean(name), { ...(template ? { template } : {}), ...(x ? { x } : {}), ...(str(def.y) ? { y: str(def.y)! } : {}) });
      }
    }
  };
  take(dvc.plots);
  if (isObject(dvc.stages)) for (const stage of Object.values(dvc.stages)) if (isObject(stage)) take(stage.plots);
  return out;
}

function clean(p: string): string {
  return p.replace(/^\.\//, "").replace(/\/$/, "");
}

/** The plot's name: the data file's path without the extension and without dvclive's `plots/`, `sklearn/` prefix, `/` as `-`. */
export function plotName(rel: string): string {
  const noExt = rel.replace(/\.(json|csv|tsv)$/i, "");
  const m = /(?:^|\/)plots\/(?:sklearn\/)?(.+)$/.exec(noExt);
  return (m ? m[1]! : noExt).replaceAll("/", "-");
}

/** Records (objects of fields) of a plot data file, or undefined after a diagnostic / when it has no records. */
function records(fd: FileDiagnostics, path: string): Record<string, unknown>[] | undefined {
  if (/\.json$/i.test(path)) {
    const v = readJson(fd);
    if (v === undefined) return undefined;
    let list: unknown = v;
    if (isObject(v)) {
      const lists = Object.values(v).filter(Array.isArray);
      if (lists.length !== 1) return undefined;
      list = lists[0];
    }
    if (!Array.isArray(list) || !list.every(isObject)) return undefined;
    return list;
  }
  const table = readTable(fd, /\.tsv$/i.test(path) ? "\t" : ",");
  if (!table) return undefined;
  return table.rows.map((r) => {
    const o: Record<string, unknown> = {};
    table.header.forEach((h, i) => {
      const cell = r.cells[i] ?? "";
      const n = cellValue(cell);
      o[h] = typeof n === "number" ? n : cell;
    });
    return o;
  });
}

/**
 * The plot a data file holds, or null when it is not one of the forms (the caller counts it as
 * skipped). A recognised plot with a bad value is a warning at the file and null.
 */
export function readDvcPlot(fd: FileDiagnostics, path: string, spec: PlotSpec | undefined): DvcPlot | null {
  const recs = records(fd, path);
  if (!recs || recs.length === 0) return null;
  const fields = new Set(Object.keys(recs[0]!));
  const has = (...f: string[]): boolean => f.every((x) => fields.has(x));
  if (spec?.template?.startsWith("confusion") || has("actual", "predicted") || has("y_true", "y_pred")) {
    const xf = spec?.x ?? (has("actual") ? "actual" : "y_true");
    const yf = spec?.y ?? (has("predicted") ? "predicted" : "y_pred");
    const label = (v: unknown): string | number | null => (typeof v === "string" || (typeof v === "number" && Number.isFinite(v)) ? v : null);
    const yTrue: (string | number)[] = [];
    const yPred: (string | number)[] = [];
    for (const r of recs) {
      const t = label(r[xf]);
      const p = label(r[yf]);
      if (t === null || p === null) {
        fd.whole("warning", mediaMessages.plotShape(`a label in "${xf}" and "${yf}" of every row`, `${JSON.stringify(r[xf]) ?? "nothing"} and ${JSON.stringify(r[yf]) ?? "nothing"}`));
        return null;
      }
      yTrue.push(t);
      yPred.push(p);
    }
    const labels = [...new Set([...yTrue, ...yPred])].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    return { type: "confusion", labels, y_true: yTrue, y_pred: yPred };
  }
  let kind: { type: "roc" | "pr"; x: string; y: string } | null = null;
  if (has("fpr", "tpr")) kind = { type: "roc", x: "fpr", y: "tpr" };
  else if (has("precision", "recall")) kind = { type: "pr", x: "recall", y: "precision" };
  if (!kind) return null;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const r of recs) {
    for (const [f, out] of [[kind.x, xs], [kind.y, ys]] as const) {
      const v = r[f];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fd.whole("warning", mediaMessages.plotColumn(f, JSON.stringify(v) ?? "nothing"));
        return null;
      }
      out.push(v);
    }
  }
  return { type: kind.type, points: { x: xs, y: ys } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
