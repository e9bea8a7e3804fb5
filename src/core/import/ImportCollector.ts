/**
 * Gathers what an import produces: runs, skipped items (merged by run, what and reason, with
 * counts) and diagnostics. Each run is assembled in a `RunScope`; a scope that saw an error yields
 * no run at all, so an unreadable input never becomes a silent partial run.
 */
import { compareText } from "../format/compareText.ts";
import type { Diagnostic, Message, Severity } from "../diagnostics.ts";
import { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import type { ImportedRun, ImportNote, ImportResult, SkippedItem } from "./importedRun.ts";
import { importMessages } from "./importMessages.ts";

/** History columns the run loader gives a meaning to; a metric cannot use these names. */
const RESERVED_METRICS = new Set(["step", "time"]);

export class RunScope {
  private readonly files: FileDiagnostics[] = [];
  private errors = 0;
  private readonly collector: ImportCollector;

  constructor(collector: ImportCollector) {
    this.collector = collector;
  }

  /** Diagnostics for one file of this run, positioned by offsets into `text`. */
  file(path: string, text: string): FileDiagnostics {
    const fd = new FileDiagnostics(path, text);
    this.files.push(fd);
    return fd;
  }

  /** A problem with a file as a whole (reported at 1:1). */
  whole(path: string, severity: Severity, msg: Message): void {
    if (severity === "error") this.errors++;
    this.collector.diagnostics.push({ file: path, line: 1, column: 1, severity, ...msg });
  }

  get failed(): boolean {
    return this.errors > 0 || this.files.some((f) => f.hasErrors);
  }

  /** Moves the file diagnostics to the collector; returns whether the run is still good. */
  close(): boolean {
    const ok = !this.failed;
    for (const f of this.files) {
      if (f.hasErrors) this.errors++;
      this.collector.diagnostics.push(...f.done());
    }
    this.files.length = 0;
    return ok;
  }
}

export class ImportCollector {
  readonly runs: ImportedRun[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: ImportNote[] = [];
  private readonly skippedItems = new Map<string, SkippedItem>();

  scope(): RunScope {
    return new RunScope(this);
  }

  /** Records `count` items of kind `what` that were not imported, and why. */
  skip(run: string, what: string, reason: string, count = 1): void {
    if (count <= 0) return;
    const key = `${run}\0${what}\0${reason}`;
    const item = this.skippedItems.get(key);
    if (item) item.count += count;
    else this.skippedItems.set(key, { run, what, reason, count });
  }

  /** A choice worth telling the user about (an inferred split, a placement). */
  note(file: string, message: string): void {
    this.notes.push({ file, message });
  }

  /** A problem not tied to one run (e.g. the listing as a whole). */
  report(path: string, severity: Severity, msg: Message): void {
    this.diagnostics.push({ file: path, line: 1, column: 1, severity, ...msg });
  }

  /** Adds the run unless its scope saw an error. */
  finish(scope: RunScope, run: ImportedRun): void {
    if (!scope.close()) return;
    if (run.history) renameReserved(run, this.diagnostics);
    this.runs.push(run);
  }

  result(): ImportResult {
    const runs = [...this.runs].sort((a, b) => compareText(a.slug, b.slug));
    const skipped = [...this.skippedItems.values()];
    const result: ImportResult = { runs, skipped, diagnostics: this.diagnostics };
    if (this.notes.length > 0) result.notes = this.notes;
    return result;
  }
}

/** Renames metrics that history.csv cannot hold under their own name (`step`, `time`): `step_`, `time_`. */
export function renameReserved(run: ImportedRun, diagnostics: Diagnostic[]): void {
  const history = run.history!;
  for (const name of history.metrics) {
    if (!RESERVED_METRICS.has(name)) continue;
    let to = `${name}_`;
    while (history.metrics.includes(to)) to += "_";
    history.metrics = history.metrics.map((m) => (m === name ? to : m));
    for (const row of history.rows) {
      if (name in row.values) {
        row.values[to] = row.values[name]!;
        delete row.values[name];
      }
    }
    diagnostics.push({ file: run.sources[0] ?? run.slug, line: 1, column: 1, severity: "warning", ...importMessages.renamedMetric(name, to) });
  }
}
