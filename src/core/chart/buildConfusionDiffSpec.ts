import { matrixDifference, normalizeMatrix, type ConfusionNormalization } from "../plots/confusionMath.ts";
import { formatNumber } from "../format/formatValue.ts";
import type { DatasetChart, DatasetRow } from "./chartCommon.ts";
import { CONFUSION_DATASET, confusionLayout, percentText, type ConfusionPanel } from "./buildConfusionSpec.ts";

export interface ConfusionDiffInput {
  id: string;
  /** The run subtracted, and the run it is subtracted from: the chart shows `b − a`. */
  a: ConfusionPanel;
  b: ConfusionPanel;
  normalize: false | ConfusionNormalization;
  size?: number;
}

/** Signed, with a true minus sign: `+3`, `−2`, `0`. */
function signed(v: number, text: string): string {
  return v > 0 ? `+${text}` : v < 0 ? `\u2212${text.replace(/^-/, "")}` : text;
}

/**
 * The difference of two runs' confusion matrices (same labels, same order), `b − a`, on a
 * diverging scale centred on 0: cells where `b` has more examples are blue, fewer orange. Each
 * cell prints the signed difference; hovering shows both runs' counts (and shares).
 */
export function buildConfusionDiffSpec(input: ConfusionDiffInput): DatasetChart {
  const { a, b } = input;
  const by = input.normalize || "rows";
  const sharesA = normalizeMatrix(a.matrix, by);
  const sharesB = normalizeMatrix(b.matrix, by);
  const diff = input.normalize ? matrixDifference(sharesA, sharesB) : matrixDifference(a.matrix, b.matrix);
  const max = Math.max(input.normalize ? 0.01 : 1, ...diff.flat().map((v) => Math.abs(v ?? 0)));
  const title = `${b.title} − ${a.title}`;
  const rows: DatasetRow[] = [];
  a.labels.forEach((actual, i) =>
    a.labels.forEach((predicted, j) => {
      const d = diff[i]![j]!;
      rows.push({
        panel: title,
        actual,
        predicted,
        countA: a.matrix[i]![j]!,
        countB: b.matrix[i]![j]!,
        shareA: sharesA[i]![j] === null ? null : Math.round(sharesA[i]![j]! * 1e4) / 1e4,
        shareB: sharesB[i]![j] === null ? null : Math.round(sharesB[i]![j]! * 1e4) / 1e4,
        value: d === null ? null : Math.round(d * 1e4) / 1e4,
        text: d === null ? "" : signed(d, input.normalize ? percentText(d) : formatNumber(d)),
        dark: d !== null && Math.abs(d) / max > 0.6,
      });
    }),
  );
  const shareTitle = by === "columns" ? "share of predicted class" : "share of true class";
  const tooltip = [
    { field: "actual", type: "nominal", title: "true" },
    { field: "predicted", type: "nominal", title: "predicted" },
    { field: "countA", type: "quantitative", title: `count, ${a.title}` },
    { field: "countB", type: "quantitative", title: `count, ${b.title}` },
    ...(input.normalize
      ? [
          { field: "shareA", type: "quantitative", title: `${shareTitle}, ${a.title}`, format: ".1%" },
          { field: "shareB", type: "quantitative", title: `${shareTitle}, ${b.title}`, format: ".1%" },
          { field: "value", type: "quantitative", title: "difference", format: "+.1%" },
        ]
      : [{ field: "value", type: "quantitative", title: "difference", format: "+d" }]),
  ];
  const color = {
    field: "value",
    type: "quantitative",
    title: input.normalize ? `${shareTitle}, difference` : "difference in count",
    scale: { scheme: "blueorange", reverse: true, domain: [-max, max], domainMid: 0 },
    legend: input.normalize ? { format: "+.0%" } : { format: "+d" },
  };
  const what = input.normalize ? `shares of each ${by === "columns" ? "predicted" : "true"} class` : "counts";
  return { vegaLite: confusionLayout([{ title, labels: a.labels }], input.size, color, tooltip, `Difference of confusion matrices (${what}): ${b.title} minus ${a.title}`), datasets: { [CONFUSION_DATASET]: rows }, notes: [] };
}
