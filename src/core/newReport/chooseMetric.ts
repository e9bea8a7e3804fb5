/**
 * Which metric a new report is about, and whether lower or higher is better. A new report shows
 * one metric in its chart, its table and its comparison, so the choice matters: validation loss
 * when the runs log one, else any loss, else the most widely logged metric that is not
 * bookkeeping (step counters, learning rate, throughput).
 */
import { compareText } from "../format/compareText.ts";
import type { Run } from "../run.ts";

export type Direction = "min" | "max";

export interface MetricChoice {
  name: string;
  /** Lower is better (`min`) or higher (`max`). */
  direction: Direction;
  /** False when the name says neither (`score_x`?): `min` is then a guess the report says it is. */
  directionKnown: boolean;
  /** Runs that log it as a history (a line chart is possible when > 0). */
  withHistory: number;
  /** Runs with a finite numeric summary value of it. */
  withValue: number;
}

const EVAL_WORDS = new Set(["val", "valid", "validation", "eval", "evaluation", "test", "dev", "holdout"]);
const LOWER_WORDS = ["loss", "err", "error", "perplexity", "ppl", "mse", "mae", "rmse", "nll", "wer", "cer", "fid", "bpb", "bpc", "latency", "regret", "cost"];
const HIGHER_WORDS = ["acc", "accuracy", "top1", "top5", "f1", "auc", "auroc", "bleu", "rouge", "precision", "recall", "map", "iou", "miou", "dice", "score", "reward", "return", "r2", "em", "exact", "win", "sharpe"];
/** Logged alongside metrics by trainers and loggers, but not what a report is about. */
const BOOKKEEPING = /^(_?step|_?runtime|_?timestamp|time|wall_?time|epoch|global_step|lr|learning_rate|grad_norm|tokens(_seen)?|samples(_seen)?|.*per_sec(ond)?|.*throughput.*|.*memory.*|params.*|num_params)$/;

/** Words of a metric name: `val/loss_avg` → val, loss, avg. */
const words = (name: string): string[] => name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** Lower or higher is better, from the metric's name; null when the name does not say. */
export function metricDirection(name: string): Direction | null {
  const ws = words(name);
  const has = (list: readonly string[]) => ws.some((w) => list.some((x) => w === x || (x.length >= 3 && w.startsWith(x))));
  if (has(LOWER_WORDS)) return "min";
  if (has(HIGHER_WORDS)) return "max";
  return null;
}

/** 0 (validation loss) … 4 (bookkeeping): lower ranks first. */
function preference(name: string): number {
  const ws = words(name);
  const last = name.toLowerCase().split("/").at(-1) ?? "";
  if (BOOKKEEPING.test(last)) return 4;
  const isLoss = name.toLowerCase().includes("loss");
  const isEval = ws.some((w) => EVAL_WORDS.has(w));
  if (isLoss && isEval) return 0;
  if (isLoss) return 1;
  return isEval ? 2 : 3;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * The metric of `runs` a report should show, or null when no run has a numeric metric. Only
 * metrics that at least half as many runs have as the most widespread one compete, so a loss one
 * run logged does not beat an accuracy every run logged; among those, the preference above, then
 * how many runs log its history (a curve beats a summary-only `best/val_loss`), then how many runs
 * have it at all, then the name (so the choice is deterministic).
 */
export function chooseMetric(runs: readonly Run[]): MetricChoice | null {
  const stats = new Map<string, { withHistory: number; withValue: number }>();
  const stat = (name: string) => {
    let s = stats.get(name);
    if (!s) stats.set(name, (s = { withHistory: 0, withValue: 0 }));
    return s;
  };
  for (const run of runs) {
    for (const m of run.metrics) stat(m).withHistory++;
    for (const [m, v] of Object.entries(run.summary)) if (isFiniteNumber(v)) stat(m).withValue++;
  }
  // A metric must have a number somewhere: a chart or a highlight of only gaps says nothing.
  const candidates = [...stats].filter(([, s]) => s.withValue > 0);
  if (candidates.length === 0) return null;
  const coverage = (s: { withHistory: number; withValue: number }) => Math.max(s.withHistory, s.withValue);
  const widest = Math.max(...candidates.map(([, s]) => coverage(s)));
  const [name, s] = candidates
    .filter(([, s]) => coverage(s) * 2 >= widest)
    .sort(([a, sa], [b, sb]) => preference(a) - preference(b) || sb.withHistory - sa.withHistory || coverage(sb) - coverage(sa) || compareText(a, b))[0]!;
  const direction = metricDirection(name);
  return { name, direction: direction ?? "min", directionKnown: direction !== null, ...s };
}
