/**
 * The tables behind W&B's preset charts, recognised by their columns and turned into run-format
 * plots: `wandb.plot.confusion_matrix` (`Actual`, `Predicted`, `nPredictions`) → a confusion
 * matrix of counts; `wandb.plot.roc_curve` (`class`, `fpr`, `tpr`) and `wandb.plot.pr_curve`
 * (`class`, `precision`, `recall`) → one curve of points per class. The table itself is kept too.
 */

export interface ChartPlot {
  name: string;
  plot: Record<string, unknown>;
}

type Label = string | number;

function isLabel(v: unknown): v is Label {
  return typeof v === "string" || (typeof v === "number" && Number.isFinite(v));
}

/** The plots a table's columns and rows make (`name` is the key without W&B's `_table` suffix), or [] when it is none of the presets. */
export function chartPlots(columns: readonly string[], data: readonly unknown[][], key: string, step: number | null): ChartPlot[] {
  const col = (name: string): number => columns.indexOf(name);
  const name = key.replace(/_table$/, "");
  const withStep = (p: Record<string, unknown>): Record<string, unknown> => (step === null ? p : { ...p, step });
  const [a, p, n] = [col("Actual"), col("Predicted"), col("nPredictions")];
  if (a >= 0 && p >= 0 && n >= 0) {
    const labels: Label[] = [];
    const index = new Map<Label, number>();
    for (const row of data) {
      for (const v of [row[a], row[p]]) {
        if (!isLabel(v)) return [];
        if (!index.has(v)) {
          index.set(v, labels.length);
          labels.push(v);
        }
      }
      if (typeof row[n] !== "number" || !Number.isFinite(row[n]) || (row[n] as number) < 0) return [];
    }
    const matrix = labels.map(() => labels.map(() => 0));
    for (const row of data) matrix[index.get(row[a] as Label)!]![index.get(row[p] as Label)!]! += row[n] as number;
    return [{ name, plot: withStep({ type: "confusion", labels, matrix }) }];
  }
  const c = col("class");
  const curve = col("fpr") >= 0 && col("tpr") >= 0 ? { type: "roc", x: col("fpr"), y: col("tpr") } : col("precision") >= 0 && col("recall") >= 0 ? { type: "pr", x: col("recall"), y: col("precision") } : null;
  if (!curve) return [];
  const byClass = new Map<string, { x: number[]; y: number[] }>();
  for (const row of data) {
    const x = row[curve.x];
    const y = row[curve.y];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) return [];
    const cls = c >= 0 && isLabel(row[c]) ? String(row[c]) : "";
    let pts = byClass.get(cls);
    if (!pts) byClass.set(cls, (pts = { x: [], y: [] }));
    pts.x.push(x);
    pts.y.push(y);
  }
  return [...byClass].map(([cls, points]) => ({ name: byClass.size > 1 && cls !== "" ? `${name}-${cls}` : name, plot: withStep({ type: curve.type, points }) }));
}
