/**
 * Which files of a run folder hold histograms (`<run>/histograms/<key>.jsonl`, keys may have `/`)
 * and system metrics (`<run>/system.jsonl`), and which run they belong to.
 */

// classifyRunFiles.ts imports this module: its `RUNS_DIR` is repeated here rather than imported.
const RUNS_DIR = "runs";
export const HISTOGRAMS_DIR = "histograms";
export const SYSTEM_FILE = "system.jsonl";

/**
 * The run id (`<project>/<run>`) a histogram or system file belongs to, or null for other files.
 * A histogram file's run is the folder before the first `histograms/` at least two levels under
 * the project.
 */
export function runOfDataFile(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== RUNS_DIR) return null;
  const base = parts[parts.length - 1]!;
  if (base === SYSTEM_FILE && parts.length >= 4) return parts.slice(1, -1).join("/");
  if (!base.toLowerCase().endsWith(".jsonl") || base.length === ".jsonl".length) return null;
  const at = parts.indexOf(HISTOGRAMS_DIR, 3);
  return at > 0 && at < parts.length - 1 ? parts.slice(1, at).join("/") : null;
}

export function isHistogramFile(file: string): boolean {
  return runOfDataFile(file) !== null && !isSystemFile(file);
}

export function isSystemFile(file: string): boolean {
  return file.endsWith(`/${SYSTEM_FILE}`) && runOfDataFile(file) !== null;
}
