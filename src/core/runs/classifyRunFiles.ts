/**
 * Which files under `runs/` make up which runs. Pure: takes repository-relative paths (as found by
 * `discoverRunSources`) and groups them into sources; files that cannot be runs become diagnostics.
 *
 * - `runs/<project>/runs.csv`                  → a runs table (ids `<project>/<id>`)
 * - `runs/<project>/<run>/run.json`, `history.csv`, `history.jsonl` (or `history.csv.gz`,
 *   `history.jsonl.gz`, `history.parquet`) → one folder run `<project>/<run>`
 * - `runs/<project>/<run>/plots/<name>.json`  → an evaluation plot of that folder run (after its
 *   run.json and history, by name); `histograms/<key>.jsonl` and `system.jsonl` likewise
 * - `runs/<project>/<run>/tables/<name>.jsonl` or `.csv` → a table of that folder run (after its plots)
 * - `runs/<project>/<run>/media.jsonl`, and files with a media extension under that folder's
 *   `media/` → its media (last); image, audio and video files elsewhere are not run files
 * - any other `runs/<project>/<run>.json`      → one single-file run `<project>/<run>`
 * Deeper paths work the same way: the project is the first segment, the run is the rest.
 */
import { compareText } from "../format/compareText.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { runMessages } from "./messages.ts";
import { hasMediaExtension, isMediaIndex, mediaFileOwner } from "../media/mediaFiles.ts";
import { TABLES_DIR } from "./tableData.ts";
import { runOfDataFile } from "./runDataFiles.ts";

export type RunSource =
  | { format: "json"; id: string; files: string[] }
  /** `files`: run.json first when present, then the history file(s). */
  | { format: "folder"; id: string; files: string[] }
  /** `prefix`: the folder under `runs/` holding the table; run ids are `<prefix>/<id>`. */
  | { format: "runs-csv"; prefix: string; files: string[] };

export const RUNS_DIR = "runs";
/** A run folder's history, in any of its forms; a folder holds at most one. */
export const HISTORY_FILES = ["history.csv", "history.jsonl", "history.csv.gz", "history.jsonl.gz", "history.parquet"] as const;
export const FOLDER_FILES = ["run.json", ...HISTORY_FILES] as const;
/** The folder of a run folder that holds its evaluation plots (`plots/<name>.json`). */
export const PLOTS_DIR = "plots";

/** True for `…/<run>/plots/<name>.json` at least two levels under the project. */
export function isPlotFile(file: string): boolean {
  const parts = file.split("/");
  return parts.length >= 5 && parts[0] === RUNS_DIR && parts[parts.length - 2] === PLOTS_DIR && parts[parts.length - 1]!.toLowerCase().endsWith(".json");
}

/** True for `…/<run>/tables/<name>.jsonl` or `.csv` at least two levels under the project. */
export function isTableFile(file: string): boolean {
  const parts = file.split("/");
  const base = parts[parts.length - 1]!.toLowerCase();
  return parts.length >= 5 && parts[0] === RUNS_DIR && parts[parts.length - 2] === TABLES_DIR && (base.endsWith(".jsonl") || base.endsWith(".csv"));
}

export function classifyRunFiles(paths: readonly string[]): { sources: RunSource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sources: RunSource[] = [];
  const folders = new Map<string, string[]>();
  const mediaFiles: string[] = [];
  const fileDiag = (file: string, severity: Diagnostic["severity"], m: { code: string; message: string; hint?: string }): void => {
    const d: Diagnostic = { file, line: 1, column: 1, severity, code: m.code, message: m.message };
    if (m.hint !== undefined) d.hint = m.hint;
    diagnostics.push(d);
  };

  for (const file of [...paths].sort(compareText)) {
    const parts = file.split("/");
    if (parts[0] !== RUNS_DIR || parts.length < 2) continue;
    const under = parts.slice(1);
    const base = under[under.length - 1]!;
    const ext = base.slice(base.lastIndexOf(".") + 1).toLowerCase();
    if (under.length === 1) {
      fileDiag(file, "error", runMessages.fileOutsideProject());
      continue;
    }
    if (base === "runs.csv") {
      sources.push({ format: "runs-csv", prefix: under.slice(0, -1).join("/"), files: [file] });
      continue;
    }
    const isFolderFile = (FOLDER_FILES as readonly string[]).includes(base);
    const isPlot = isPlotFile(file) || isTableFile(file);
    if (hasMediaExtension(file)) {
      mediaFiles.push(file);
      continue;
    }
    const dataRun = runOfDataFile(file);
    if ((isFolderFile && under.length >= 3) || isPlot || isMediaIndex(file) || dataRun !== null) {
      const id = dataRun ?? under.slice(0, isPlot ? -2 : -1).join("/");
      const list = folders.get(id) ?? [];
      list.push(file);
      folders.set(id, list);
      continue;
    }
    if (ext === "json") {
      sources.push({ format: "json", id: under.join("/").slice(0, -".json".length), files: [file] });
      continue;
    }
    fileDiag(
      file,
      "warning",
      runMessages.unrecognisedFile(
        isFolderFile ? `history files inside a run folder, runs/<project>/<run>/${base}` : "<run>.json, runs.csv, or run.json / history.csv / history.jsonl in a run folder",
        ext === "csv" || ext === "jsonl" ? undefined : "Runfolio reads JSON, CSV and JSON lines, and histories as history.csv.gz, history.jsonl.gz or history.parquet; rename or convert the file, or bring tool exports (TensorBoard, W&B, MLflow, …) in with `runfolio import`",
      ),
    );
  }
  for (const file of mediaFiles) folders.get(mediaFileOwner(file, folders) ?? "")?.push(file);
  for (const [id, files] of folders) {
    // Plots and data files, tables, then media; `files` is in path order already, so they stay sorted by name.
    const order = (f: string): number =>
      isPlotFile(f) || runOfDataFile(f) !== null ? FOLDER_FILES.length
      : isTableFile(f) ? FOLDER_FILES.length + 1
      : isMediaIndex(f) ? FOLDER_FILES.length + 2
      : hasMediaExtension(f) ? FOLDER_FILES.length + 3
      : FOLDER_FILES.indexOf(f.slice(f.lastIndexOf("/") + 1) as (typeof FOLDER_FILES)[number]);
    sources.push({ format: "folder", id, files: files.sort((a, b) => order(a) - order(b)) });
  }
  sources.sort((a, b) => compareText(a.files[0]!, b.files[0]!));
  return { sources, diagnostics };
}

/** A stable key for a source: its first file. */
export function sourceKey(source: RunSource): string {
  return source.files[0]!;
}
