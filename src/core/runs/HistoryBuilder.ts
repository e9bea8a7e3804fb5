/**
 * Row-wise history assembly for sparse sources (JSON row objects, JSONL): each key becomes a
 * column, rows where a key is absent (or null) are gaps that were not logged. The step and time columns are picked at the end,
 * once every key has been seen.
 */
import type { History } from "../run.ts";
import { ownRecord } from "../ownRecord.ts";
import { isNonFiniteToken } from "./parseCsv.ts";
import { setOwn } from "../ownRecord.ts";

/** Step column names, in order of preference. */
export const STEP_KEYS = ["step", "_step"] as const;
/** Wall-time column names (unix seconds), in order of preference. */
export const TIME_KEYS = ["time", "_timestamp", "timestamp"] as const;

/**
 * A history value as a number: finite numbers as they are, NaN for a gap (null, non-finite numbers
 * and the strings "NaN", "inf", …), undefined for anything else (text, objects, booleans).
 */
export function toHistoryNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : NaN;
  if (v === null) return NaN;
  if (typeof v === "string" && isNonFiniteToken(v)) return NaN;
  return undefined;
}

/** True when a value counts as logged (a number or a non-finite token), false for null. */
export function isLoggedValue(v: unknown): boolean {
  return v !== null && v !== undefined;
}

interface Column {
  rows: number[];
  values: number[];
  logged: number;
  /** The last logged value (NaN when it was non-finite); undefined while nothing was logged. */
  last: number | undefined;
}

export interface StepProblem {
  row: number;
  /** `missing`: the row has no step key; `not-finite`: it has one, but not a finite number. */
  kind: "missing" | "not-finite";
}

export interface BuiltHistory {
  history: History;
  /**
   * Per metric, the last value that was logged (NaN when that value was non-finite). Gaps that
   * were not logged (absent key, JSON null) are skipped; metrics never logged are absent.
   */
  lastLogged: Record<string, number>;
  stepKey: string | null;
  timeKey: string | null;
  /** Metric columns where no row logged a value (only nulls), with the first row naming them. */
  emptyColumns: { key: string; row: number }[];
  stepProblem: StepProblem | null;
  /** First row whose step is smaller than the previous row's. */
  stepDecrease: { row: number; from: number; to: number } | null;
}

export class HistoryBuilder {
  rows = 0;
  /** How many logged values were non-finite (NaN, ±Infinity): kept as gaps, not reported. */
  nonFinite = 0;
  private readonly columns = new Map<string, Column>();

  /**
   * Adds `value` (NaN for a gap) for `key` in the current row. `logged` is false for a value that
   * was not logged (JSON null): it is a gap and does not count as the metric's last logged value.
   */
  add(key: string, value: number, logged: boolean): void {
    let col = this.columns.get(key);
    if (!col) {
      col = { rows: [], values: [], logged: 0, last: undefined };
      this.columns.set(key, col);
    }
    col.rows.push(this.rows);
    col.values.push(value);
    if (logged) {
      col.logged++;
      col.last = value;
      if (Number.isNaN(value)) this.nonFinite++;
    }
  }

  endRow(): void {
    this.rows++;
  }

  finish(): BuiltHistory {
    const n = this.rows;
    const stepKey = STEP_KEYS.find((k) => this.columns.has(k)) ?? null;
    const timeKey = TIME_KEYS.find((k) => this.columns.has(k)) ?? null;
    const dense = (col: Column): Float64Array => {
      const out = new Float64Array(n).fill(NaN);
      for (let k = 0; k < col.rows.length; k++) out[col.rows[k]!] = col.values[k]!;
      return out;
    };
    let step: Float64Array;
    let stepProblem: StepProblem | null = null;
    if (stepKey) {
      const col = this.columns.get(stepKey)!;
      step = new Float64Array(n).fill(NaN);
      const present = new Uint8Array(n);
      for (let k = 0; k < col.rows.length; k++) {
        step[col.rows[k]!] = col.values[k]!;
        present[col.rows[k]!] = 1;
      }
      for (let r = 0; r < n; r++) {
        if (!Number.isFinite(step[r]!)) {
          stepProblem = { row: r, kind: present[r] ? "not-finite" : "missing" };
          break;
        }
      }
    } else {
      step = new Float64Array(n);
      for (let r = 0; r < n; r++) step[r] = r;
    }
    const metrics = ownRecord<Float64Array>();
    const lastLogged = ownRecord<number>();
    const emptyColumns: { key: string; row: number }[] = [];
    for (const [key, col] of this.columns) {
      if (key === stepKey || key === timeKey) continue;
      setOwn(metrics, key, dense(col));
      if (col.last !== undefined) setOwn(lastLogged, key, col.last);
      if (col.logged === 0) emptyColumns.push({ key, row: col.rows[0]! });
    }
    const time = timeKey ? dense(this.columns.get(timeKey)!) : null;
    return {
      history: { step, time, metrics },
      lastLogged,
      stepKey,
      timeKey,
      emptyColumns,
      stepProblem,
      stepDecrease: stepProblem ? null : findStepDecrease(step),
    };
  }
}

export function findStepDecrease(step: Float64Array): { row: number; from: number; to: number } | null {
  for (let r = 1; r < step.length; r++) {
    if (step[r]! < step[r - 1]!) return { row: r, from: step[r - 1]!, to: step[r]! };
  }
  return null;
}

export function emptyHistory(): History {
  return { step: new Float64Array(0), time: null, metrics: {} };
}
