/**
 * Evaluation plots of a run as the loader keeps them: computed once at load time (a curve from
 * 100,000 scores is stored as its points, thinned for drawing), JSON-serialisable like the rest
 * of a `Run`.
 */
export type PlotType = "confusion" | "pr" | "roc";

export interface ConfusionPlotData {
  type: "confusion";
  labels: string[];
  /** Counts; rows are true labels, columns predicted labels. */
  matrix: number[][];
}

export interface PlotCurve {
  /** The class of a one-vs-rest curve; null for a binary curve or given points. */
  class: string | null;
  /** Recall (PR) or false positive rate (ROC). */
  x: number[];
  /** Precision (PR) or true positive rate (ROC). */
  y: number[];
  /** AUC (ROC) or average precision (PR); null when it is not defined or not known. */
  area: number | null;
}

export interface CurvePlotData {
  type: "pr" | "roc";
  curves: PlotCurve[];
}

export type RunPlot = (ConfusionPlotData | CurvePlotData) & {
  /** The file name without `.json`: what a chart's `plot:` names. */
  name: string;
  /** Repository-relative path of the file. */
  file: string;
  step: number | null;
};

/** Drawn points per curve at most (areas are computed from every threshold). */
export const MAX_CURVE_POINTS = 1000;
