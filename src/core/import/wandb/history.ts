/**
 * A W&B run's history: the accumulator both history sources fill (the `.wandb` log's history
 * records and the old `wandb-history.jsonl`), and the phase that reads the JSON-lines file.
 */
import type { Diagnostic } from "../../diagnostics.ts";
import type { ImportedHistory } from "../importedRun.ts";
import { ownRecord } from "../../ownRecord.ts";
import { wandbMessages } from "./messages.ts";
import { at, fail, fileText, phase, type ImportFile, type Phase } from "./phase.ts";
import { flattenHistoryValue, isPlainObject, parseJsonLoose, SkipCounter } from "./values.ts";

export interface HistoryRow {
  step: number;
  time: number | null;
  values: Map<string, number>;
}

/** A typed value (media, table, histogram) logged in a history row, with where it was read. */
export interface TypedRef {
  step: number;
  key: string;
  value: Record<string, unknown>;
  file: string;
  /** Offset of the row (a line of the JSON-lines file) or of the record (a `.wandb` log). */
  offset: number;
  /** The file's text, for line:column positions; absent for the binary `.wandb` log. */
  text?: string;
}

export class HistoryAcc {
  readonly metrics: string[] = [];
  readonly typed: TypedRef[] = [];
  private seen = new Set<string>();
  readonly rows: HistoryRow[] = [];
  lastRuntime: number | null = null;

  add(row: HistoryRow): void {
    for (const k of row.values.keys()) {
      if (!this.seen.has(k)) {
        this.seen.add(k);
        this.metrics.push(k);
      }
    }
    this.rows.push(row);
  }

  nextStep(): number {
    const last = this.rows[this.rows.length - 1];
    return last ? last.step + 1 : 0;
  }

  lastStep(): number | null {
    return this.rows.length > 0 ? this.rows[this.rows.length - 1]!.step : null;
  }

  finish(): ImportedHistory | null {
    if (this.rows.length === 0) return null;
    return {
      metrics: [...this.metrics],
      rows: this.rows.map((r) => {
        const values: Record<string, number | null> = ownRecord<number | null>();
        for (const m of this.metrics) values[m] = r.values.has(m) ? r.values.get(m)! : null;
        return { step: r.step, time: r.time, values };
      }),
    };
  }
}

/**
 * `wandb-history.jsonl` (cli < 0.10): one JSON object a line, each with its `_step`. Read only
 * when the `.wandb` log gave no history (`logHistory`), which then stays the run's history.
 */
export function readHistoryJsonl(file: ImportFile | null, logHistory: HistoryAcc): Phase<{ history: HistoryAcc }> {
  if (!file) return phase({ history: logHistory });
  const skips = new SkipCounter();
  if (logHistory.rows.length > 0) {
    skips.add("wandb-history.jsonl", "the history was read from the .wandb log; the JSON-lines copy is not read again");
    return phase({ history: logHistory }, { skips });
  }
  const history = new HistoryAcc();
  const diagnostics: Diagnostic[] = [];
  const t = fileText(file);
  let pos = 0;
  let line = 0;
  while (pos < t.length) {
    let end = t.indexOf("\n", pos);
    if (end < 0) end = t.length;
    const start = pos;
    let stop = end;
    if (stop > start && t.charCodeAt(stop - 1) === 13) stop--;
    pos = end + 1;
    line++;
    const src = t.slice(start, stop);
    if (src.trim() === "") continue;
    const r = parseJsonLoose(src);
    // A last line without its newline that does not parse was cut off mid-write: the rows before it stand.
    if (!r.ok && end === t.length && t.slice(start).trim() !== "" && !t.endsWith("\n")) {
      diagnostics.push(at(file.path, start + r.offset, "warning", wandbMessages.historyCutOff(line, r.message), false, t));
      break;
    }
    if (!r.ok) fail(at(file.path, start + r.offset, "error", wandbMessages.jsonSyntax(`${r.message} (line ${line})`), false, t));
    else if (!isPlainObject(r.value)) fail(at(file.path, start, "error", wandbMessages.notAnObject(`wandb-history.jsonl line ${line}`), false, t));
    else {
      const row = r.value as Record<string, unknown>;
      const step = row._step;
      if (typeof step !== "number" || !Number.isFinite(step)) fail(at(file.path, start, "error", wandbMessages.historyRowWithoutStep(line), false, t));
      const values = new Map<string, number>();
      let time: number | null = null;
      const typed = (key: string, value: Record<string, unknown>): void => {
        history.typed.push({ step: step as number, key, value, file: file.path, offset: start, text: t });
      };
      for (const [k, v] of Object.entries(row)) {
        if (k === "_step") continue;
        if (k === "_timestamp" && typeof v === "number") time = v;
        else if (k === "_runtime" && typeof v === "number") history.lastRuntime = v;
        else flattenHistoryValue(k, v, "the history", skips, (key, n) => values.set(key, n), typed);
      }
      history.add({ step: step as number, time, values });
    }
  }
  return phase({ history }, { sources: [file.path], skips, diagnostics });
}
