/**
 * Assembles one run from its files: a single `<run>.json`, or a folder's `run.json` and history
 * file. Pure: the caller reads the files.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { History, Run } from "../run.ts";
import { runMessages } from "./messages.ts";
import { normalizeRun } from "./normalizeRun.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import type { SourceText } from "./runFileTypes.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseRunJson, type RunMeta } from "./parseRunJson.ts";
import { isPlotFile, isTableFile } from "./classifyRunFiles.ts";
import { parseRunTables } from "./parseRunTables.ts";
import { parsePlotFile } from "./parsePlotFile.ts";
import type { RunPlot } from "../plots/runPlot.ts";
import { readRunMedia } from "./readRunMedia.ts";
import { readRunDataFiles } from "./readRunDataFiles.ts";
import { runOfDataFile } from "./runDataFiles.ts";

export interface ParsedRun {
  /** Null when a file has an error: the run is left out and the diagnostics say why. */
  run: Run | null;
  history: History | null;
  diagnostics: Diagnostic[];
}

/** A single-file run, `runs/<project>/<run>.json`. */
export function parseRunFile(id: string, file: SourceText): ParsedRun {
  const parsed = parseRunJson(file);
  if (!parsed.meta) return { run: null, history: null, diagnostics: parsed.diagnostics };
  const run = normalizeRun({ id, meta: parsed.meta, history: parsed.history, lastLogged: parsed.lastLogged, source: { format: "json", files: [file.path] } });
  return { run, history: parsed.history, diagnostics: parsed.diagnostics };
}

/**
 * A folder run: `run.json`, at most one history (`history.csv`, `history.jsonl`, a `.gz` of
 * either, `history.parquet`), evaluation plots (`plots/<name>.json`) and tables
 * (`tables/<name>.jsonl` or `.csv`; `opts.mediaFiles`: the files under its `media/`, which media
 * cells must name). A plot or table file with an error is left out and reported; the run keeps the
 * rest. Media (`media.jsonl` and the files under `media/`): see readRunMedia; `opts.mediaBytes:
 * false` when the media files were not read.
 */
export function parseRunFolder(id: string, allFiles: readonly SourceText[], opts: { mediaBytes?: boolean; mediaFiles?: ReadonlySet<string> } = {}): ParsedRun {
  const media = readRunMedia(id, allFiles, opts.mediaBytes ?? true);
  const files = media.rest;
  const diagnostics: Diagnostic[] = [...media.diagnostics];
  const base = (f: SourceText): string => f.path.slice(f.path.lastIndexOf("/") + 1);
  const runJson = files.find((f) => base(f) === "run.json");
  const historyFiles = files.filter((f) => base(f) !== "run.json" && !isPlotFile(f.path) && !isTableFile(f.path) && runOfDataFile(f.path) === null);
  const tables = parseRunTables(files.filter((f) => isTableFile(f.path)), opts);
  diagnostics.push(...tables.diagnostics);
  const plots: RunPlot[] = [];
  for (const f of files) {
    if (!isPlotFile(f.path)) continue;
    const parsed = parsePlotFile(f);
    diagnostics.push(...parsed.diagnostics);
    plots.push(...parsed.plots);
  }
  let failed = false;
  const whole = (file: string, m: { code: string; message: string; hint?: string }): void => {
    const d: Diagnostic = { file, line: 1, column: 1, severity: "error", code: m.code, message: m.message };
    if (m.hint !== undefined) d.hint = m.hint;
    diagnostics.push(d);
    failed = true;
  };

  let meta: RunMeta = {};
  let history: History | null = null;
  let lastLogged: Record<string, number> = {};
  if (runJson) {
    const parsed = parseRunJson(runJson);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.meta) failed = true;
    else meta = parsed.meta;
    history = parsed.history;
    lastLogged = parsed.lastLogged;
    if (parsed.hasHistory && historyFiles[0]) whole(runJson.path, runMessages.historyTwice(historyFiles[0].path));
  }
  for (const extra of historyFiles.slice(1)) whole(extra.path, runMessages.twoHistoryFiles(historyFiles[0]!.path));
  const historyFile = historyFiles[0];
  if (historyFile && historyFiles.length === 1) {
    const parsed = historyFile.parsed ?? (base(historyFile).startsWith("history.csv") ? parseHistoryCsv(historyFile) : parseHistoryJsonl(historyFile));
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.history) failed = true;
    else {
      history = parsed.history;
      lastLogged = parsed.lastLogged;
    }
  }
  if (failed) return { run: null, history: null, diagnostics };
  const run = normalizeRun({ id, meta, history, lastLogged, source: { format: "folder", files: [...files.map((f) => f.path), ...(media.index ? [media.index] : [])] } });
  if (plots.length > 0) run.plots = plots;
  if (media.items.length > 0) run.media = media.items;
  if (tables.tables.length > 0) run.tables = tables.tables;
  Object.assign(run, readRunDataFiles(files, diagnostics));
  return { run, history, diagnostics };
}
