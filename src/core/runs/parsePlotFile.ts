/**
 * A run folder's plot file, `plots/<name>.json`: one plot object or a list of them (one per
 * `step`). Shapes are checked with zod, then what zod cannot say (ragged matrices, lists of
 * different lengths, values outside `labels`), each problem at its position; curves and matrices
 * are then computed (evalCurves.ts). A file with an error yields no plots; the run keeps the rest.
 */
import { z } from "zod";
import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { jsonProblemMessage, runMessages } from "./messages.ts";
import { isPlainObject } from "./parseHistoryJsonl.ts";
import { describeJsonValue, parseJsonValue, stripBom, type JsonPath } from "./parseJsonWithPositions.ts";
import { formatPath, Locator, valueAt } from "./parseRunJson.ts";
import type { SourceText } from "./runFileTypes.ts";
import { confusionMatrix, prCurve, rocCurve, thinCurve, trapezoidArea } from "../plots/evalCurves.ts";
import { PLOT_TYPES, plotMessages } from "./plotMessages.ts";
import { MAX_CURVE_POINTS, type ConfusionPlotData, type CurvePlotData, type PlotCurve, type RunPlot } from "../plots/runPlot.ts";

const label = z.union([z.string(), z.number()]);
const labels = z.array(label).min(1);
const step = z.number().int().nonnegative().optional();
const type = z.enum(PLOT_TYPES);
const count = z.number().int().nonnegative();

/** The forms of a plot, told apart by `type` and by which of `matrix`, `points`, `labels` it has. */
const FORMS = {
  confusionCounts: z.object({ type, labels, matrix: z.array(z.array(count)), step }),
  confusionPairs: z.object({ type, labels, y_true: z.array(label).min(1), y_pred: z.array(label), step }),
  curveBinary: z.object({ type, y_true: z.array(z.unknown()).min(1), scores: z.array(z.number()), step }),
  curveClasses: z.object({ type, labels, y_true: z.array(label).min(1), scores: z.array(z.array(z.number())), step }),
  curvePoints: z.object({ type, points: z.object({ x: z.array(z.number()).min(1), y: z.array(z.number()) }), step }),
};
type Form = keyof typeof FORMS;

const EXPECTED: Record<string, string> = {
  labels: "a non-empty list of labels (strings or numbers)",
  "labels[]": "a string or number",
  matrix: "a list of rows of counts, one row per label",
  "matrix[]": "a row of counts, one per label",
  "matrix[][]": "a whole number from 0 on (a count)",
  y_true: "a non-empty list with one true label per example",
  "y_true[]": "a label (a string or number)",
  y_pred: "a list with one predicted label per example",
  "y_pred[]": "a label (a string or number)",
  scores: "a list with one score per example",
  "scores[]": "a number",
  "scores[][]": "a number",
  points: "an object with lists `x` and `y`",
  "points.x": "a non-empty list of numbers",
  "points.y": "a list of numbers",
  "points.x[]": "a number",
  "points.y[]": "a number",
  step: "a whole number from 0 on",
};

function formOf(doc: Record<string, unknown>): Form {
  if (doc.type === "confusion") return "matrix" in doc ? "confusionCounts" : "confusionPairs";
  if ("points" in doc) return "curvePoints";
  return "labels" in doc ? "curveClasses" : "curveBinary";
}

/** `scores[3][1]` → `scores[][]`: the key of `EXPECTED`. */
function shapeKey(path: JsonPath): string {
  return path.map((p) => (typeof p === "number" ? "[]" : p)).reduce<string>((out, p) => (p === "[]" || out === "" ? out + p : `${out}.${p}`), "");
}

export interface ParsedPlotFile {
  plots: RunPlot[];
  diagnostics: Diagnostic[];
}

export function parsePlotFile(file: SourceText): ParsedPlotFile {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const base = file.path.slice(file.path.lastIndexOf("/") + 1);
  const name = base.slice(0, -".json".length);
  const r = parseJsonValue(text);
  if (!r.ok) {
    diags.at(r.error.offset, "error", jsonProblemMessage(r.error));
    return { plots: [], diagnostics: diags.done() };
  }
  const loc = new Locator(text);
  const entries: { value: unknown; at: JsonPath }[] = Array.isArray(r.value) ? r.value.map((value, i) => ({ value, at: [i] })) : [{ value: r.value, at: [] }];
  const plots: RunPlot[] = [];
  const steps = new Map<string, JsonPath>();
  for (const { value, at } of entries) {
    const plot = parsePlot(value, at, loc, diags);
    if (!plot) continue;
    const stepValue = isPlainObject(value) && typeof value.step === "number" ? value.step : null;
    const stepKey = stepValue === null ? "no step" : `step ${stepValue}`;
    if (steps.has(stepKey)) diags.at(loc.value(stepValue === null ? at : [...at, "step"]), "error", plotMessages.duplicateStep(stepValue === null ? "no step (give each a `step`)" : stepKey));
    steps.set(stepKey, at);
    plots.push({ ...plot, name, file: file.path, step: stepValue } as RunPlot);
  }
  if (diags.hasErrors) return { plots: [], diagnostics: diags.done() };
  plots.sort((a, b) => (a.step ?? -1) - (b.step ?? -1));
  return { plots, diagnostics: diags.done() };
}

type PlotData = ConfusionPlotData | CurvePlotData;

function parsePlot(value: unknown, at: JsonPath, loc: Locator, diags: FileDiagnostics): PlotData | null {
  if (!isPlainObject(value)) {
    diags.at(loc.value(at), "error", runMessages.notAnObject(at.length ? `\`${formatPath(at)}\`` : "the plot file", describeJsonValue(value)));
    return null;
  }
  if (!(PLOT_TYPES as readonly unknown[]).includes(value.type)) {
    const found = value.type === undefined ? "nothing" : describeJsonValue(value.type);
    const suggestion = typeof value.type === "string" ? didYouMean(value.type, PLOT_TYPES) : undefined;
    diags.at(value.type === undefined ? loc.value(at) : loc.value([...at, "type"]), "error", plotMessages.unknownType(found, suggestion));
    return null;
  }
  const form = formOf(value);
  const schema = FORMS[form];
  const known = Object.keys(schema.shape);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) diags.at(loc.key([...at, key]), "warning", runMessages.unknownKey(key, didYouMean(key, known), known), key.length + 2);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const rel = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const key = rel.join("\0");
      if (seen.has(key)) continue;
      seen.add(key);
      const path = [...at, ...rel];
      const found = valueAt(value, rel);
      const msg =
        typeof found === "number" && !Number.isFinite(found)
          ? plotMessages.notFinite(formatPath(path), describeJsonValue(found))
          : runMessages.wrongType(formatPath(path), EXPECTED[shapeKey(rel)] ?? "a valid value", found === undefined ? "nothing" : describeJsonValue(found));
      diags.at(loc.value(path), "error", msg);
    }
    return null;
  }
  const errorsBefore = diags.list.length;
  const data = parsed.data as Record<string, unknown>;
  const result = computePlot(form, data, at, loc, diags);
  return diags.list.slice(errorsBefore).some((d) => d.severity === "error") ? null : result;
}

function computePlot(form: Form, d: Record<string, unknown>, at: JsonPath, loc: Locator, diags: FileDiagnostics): PlotData | null {
  const pos = (...rel: JsonPath): number => loc.value([...at, ...rel]);
  const where = (...rel: JsonPath): string => formatPath([...at, ...rel]);
  const plotType = d.type as RunPlot["type"];
  const labelList = (d.labels as (string | number)[] | undefined) ?? [];
  const firstIndex = new Map<string | number, number>();
  labelList.forEach((l, i) => {
    if (firstIndex.has(l)) diags.at(pos("labels", i), "error", plotMessages.duplicateLabel(JSON.stringify(l)));
    else firstIndex.set(l, i);
  });
  const checkInLabels = (key: string, values: readonly (string | number)[]): void => {
    values.forEach((v, i) => {
      if (!firstIndex.has(v)) diags.at(pos(key, i), "error", plotMessages.notALabel(where(key, i), describeJsonValue(v)));
    });
  };
  const sameLength = (key: JsonPath, n: number, reference: string, m: number): void => {
    if (n !== m) diags.at(pos(...key), "error", plotMessages.lengthMismatch(where(...key), n, reference, m));
  };
  const names = labelList.map(String);

  if (form === "confusionCounts") {
    const matrix = d.matrix as number[][];
    if (matrix.length !== labelList.length) diags.at(pos("matrix"), "error", plotMessages.countMismatch(where("matrix"), matrix.length, "row", labelList.length));
    matrix.forEach((row, i) => {
      if (row.length !== labelList.length) diags.at(pos("matrix", i), "error", plotMessages.countMismatch(where("matrix", i), row.length, "count", labelList.length));
    });
    return { type: "confusion", labels: names, matrix };
  }
  if (form === "confusionPairs") {
    const yTrue = d.y_true as (string | number)[];
    const yPred = d.y_pred as (string | number)[];
    sameLength(["y_pred"], yPred.length, where("y_true"), yTrue.length);
    checkInLabels("y_true", yTrue);
    checkInLabels("y_pred", yPred);
    return { type: "confusion", labels: names, matrix: confusionMatrix(labelList, yTrue, yPred) };
  }
  if (form === "curvePoints") {
    const { x, y } = d.points as { x: number[]; y: number[] };
    sameLength(["points", "y"], y.length, where("points", "x"), x.length);
    for (const [key, values] of [["x", x], ["y", y]] as const) {
      values.forEach((v, i) => {
        if (v < 0 || v > 1) diags.at(pos("points", key, i), "error", plotMessages.outOfUnitRange(where("points", key, i), v));
      });
    }
    const monotonic = x.every((v, i) => i === 0 || v >= x[i - 1]!) || x.every((v, i) => i === 0 || v <= x[i - 1]!);
    // The area of given ROC points is scikit-learn's `auc(fpr, tpr)`; the average precision of given PR points depends on thresholds they do not carry.
    const area = plotType === "roc" && monotonic && x.length === y.length ? trapezoidArea(x, y) : null;
    return { type: plotType as "pr" | "roc", curves: [{ class: null, ...thinCurve(x, y, MAX_CURVE_POINTS), area }] };
  }
  const yTrue = d.y_true as unknown[];
  if (form === "curveBinary") {
    const scores = d.scores as number[];
    sameLength(["scores"], scores.length, where("y_true"), yTrue.length);
    yTrue.forEach((v, i) => {
      if (v !== 0 && v !== 1 && typeof v !== "boolean") diags.at(pos("y_true", i), "error", plotMessages.notBinary(where("y_true", i), describeJsonValue(v)));
    });
    if (diags.hasErrors) return null;
    const positive = yTrue.map((v) => v === 1 || v === true);
    return { type: plotType as "pr" | "roc", curves: [curveOf(plotType as "pr" | "roc", null, positive, scores, () => diags.at(pos("y_true"), "warning", plotMessages.oneClassOnly("the plot", positive.includes(true) ? "negative" : "positive", plotType as "pr" | "roc")))] };
  }
  const rows = d.scores as number[][];
  sameLength(["scores"], rows.length, where("y_true"), yTrue.length);
  rows.forEach((row, i) => {
    if (row.length !== labelList.length) diags.at(pos("scores", i), "error", plotMessages.countMismatch(where("scores", i), row.length, "score", labelList.length));
  });
  checkInLabels("y_true", yTrue as (string | number)[]);
  if (diags.hasErrors) return null;
  const curves = labelList.map((l, c) => {
    const positive = yTrue.map((v) => v === l);
    return curveOf(plotType as "pr" | "roc", names[c]!, positive, rows.map((row) => row[c]!), () =>
      diags.at(pos("y_true"), "warning", plotMessages.oneClassOnly(`class ${JSON.stringify(l)}`, positive.includes(true) ? "negative" : "positive", plotType as "pr" | "roc")),
    );
  });
  return { type: plotType as "pr" | "roc", curves };
}

/** One curve from scores; `oneClass` is told when the area is undefined. */
function curveOf(type: "pr" | "roc", cls: string | null, positive: boolean[], scores: number[], oneClass: () => void): PlotCurve {
  const hasBoth = positive.includes(true) && positive.includes(false);
  // PR is defined without negatives (precision 1 throughout); ROC needs both classes.
  if (!hasBoth && (type === "roc" || !positive.includes(true))) oneClass();
  if (type === "roc") {
    const c = rocCurve(positive, scores);
    return { class: cls, ...thinCurve(c.fpr, c.tpr, MAX_CURVE_POINTS), area: Number.isFinite(c.auc) ? c.auc : null };
  }
  const c = prCurve(positive, scores);
  return { class: cls, ...thinCurve(c.recall, c.precision, MAX_CURVE_POINTS), area: Number.isFinite(c.averagePrecision) ? c.averagePrecision : null };
}
