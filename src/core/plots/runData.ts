/**
 * What a run folder's histograms (`histograms/<key>.jsonl`) and system metrics (`system.jsonl`)
 * hold. A `Run` carries only their index (`RunHistogramRef`, `RunSystemRef`): the data is read
 * when a chart draws it, like a history, so a lab's runs do not sit in memory with every bin.
 */

/** One histogram file of a run: its key (the path under `histograms/` without `.jsonl`) and file. */
export interface RunHistogramRef {
  key: string;
  /** Repository-relative path of the file. */
  file: string;
  /** How many steps it holds. */
  steps: number;
}

/** A run's `system.jsonl`: the file and which metrics it samples. */
export interface RunSystemRef {
  file: string;
  /** Dotted metric names (`cpu.percent`, `gpu.0.utilization`), sorted. */
  metrics: string[];
  samples: number;
}

/** A histogram key's data over steps, sorted by step. */
export interface HistogramSeries {
  key: string;
  steps: number[];
  /** Per step: strictly increasing bin edges (one more than counts). */
  edges: number[][];
  /** Per step: the non-negative count of each bin. */
  counts: number[][];
}

/** System samples in columns, sorted by time. NaN marks a value not sampled. */
export interface SystemSamples {
  /** Unix seconds. */
  time: Float64Array;
  metrics: Record<string, Float64Array>;
}

/** Prefix of system metrics where a chart names them beside history metrics: `system/gpu.0.utilization`. */
export const SYSTEM_PREFIX = "system/";

/** Reads a run's histogram and system files when a chart draws them (the Node side: runs/loadRunData.ts). */
export interface RunDataReader {
  /** The series of histogram `key`, or null when the run has none (or its file no longer parses). */
  histograms: (run: { histograms?: RunHistogramRef[] }, key: string) => Promise<HistogramSeries | null>;
  /** The run's system samples, or null when it has none. */
  system: (run: { system?: RunSystemRef }) => Promise<SystemSamples | null>;
}
