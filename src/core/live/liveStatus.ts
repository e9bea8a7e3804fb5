/**
 * Where a running run stands: its last logged step, when its last row was written, how often it
 * writes rows, and when silence means its writer is gone (stale). Pure: the run page renders it
 * and the dev server's page script re-judges staleness as the clock moves (docs/python-logger.md, "Watching a run live").
 */
import type { History } from "../run.ts";

export interface LiveStatus {
  /** The last row's step, or null when the run has no rows. */
  lastStep: number | null;
  /** Unix seconds of the last row with a wall time, or null when the run logs none. */
  lastTime: number | null;
  /** Typical seconds between rows (median of the recent gaps), or null with fewer than two timed rows. */
  interval: number | null;
}

/** Silence this many logging intervals long means the writer is gone… */
export const STALE_INTERVALS = 10;
/** …but never less than this many seconds (a slow evaluation step is not a crash). */
export const STALE_FLOOR_SECONDS = 120;
/** The gaps the interval is the median of: the recent pace, not the pace at start-up. */
const RECENT_ROWS = 50;

export function liveStatus(history: Pick<History, "step" | "time">): LiveStatus {
  const n = history.step.length;
  const lastStep = n > 0 && Number.isFinite(history.step[n - 1]!) ? history.step[n - 1]! : null;
  const time = history.time;
  if (!time) return { lastStep, lastTime: null, interval: null };
  const times: number[] = [];
  for (let i = n - 1; i >= 0 && times.length <= RECENT_ROWS; i--) if (Number.isFinite(time[i]!)) times.push(time[i]!);
  const lastTime = times.length > 0 ? Math.max(...times) : null;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const gap = times[i - 1]! - times[i]!;
    if (gap > 0) gaps.push(gap);
  }
  return { lastStep, lastTime, interval: gaps.length > 0 ? median(gaps) : null };
}

/** Seconds of silence after which a running run is stale: ten logging intervals, at least `floor`. */
export function staleAfter(interval: number | null, floor: number = STALE_FLOOR_SECONDS): number {
  return Math.max(floor, interval === null ? 0 : STALE_INTERVALS * interval);
}

/** A running run whose last row is older than its `staleAfter` at `now` (unix seconds). Other states are never stale. */
export function isStale(state: string, lastTime: number | null, after: number, now: number): boolean {
  return state === "running" && lastTime !== null && now - lastTime > after;
}

/** `42 s`, `5 min`, `3 h 10 min`, `2 d 4 h`: how long ago the last row was written. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `RUNFOLIO_STALE_FLOOR`: seconds (a positive number) or unset for the default; anything else is refused. */
export function staleFloorFromEnv(value: string | undefined): number {
  if (value === undefined || value === "") return STALE_FLOOR_SECONDS;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`RUNFOLIO_STALE_FLOOR must be a positive number of seconds, not ${JSON.stringify(value)}`);
  return n;
}
