/**
 * Cell text for `runs` tables, per column format. Pure and browser-safe: the table script formats
 * recomputed aggregate rows with the same code. No clock: relative times count back from the
 * newest `created` in the table, so a build says the same thing whenever it runs.
 */
import { formatDateTime, formatDuration, formatNumber, formatValue, GAP } from "../format/formatValue.ts";

export const FORMAT_KINDS = ["number", "percent", "duration", "relative", "bytes"] as const;
export type FormatKind = (typeof FORMAT_KINDS)[number];

/** `auto`: by field (dates, durations, tag lists, numbers with the digits needed to compare them). */
export interface ColumnFormat {
  kind: FormatKind | "auto";
  /** Significant digits (number, percent, bytes). __Default:__ as many as needed to compare values. */
  digits?: number;
}

export interface FormatContext {
  /** Epoch milliseconds of the newest `created` among the table's runs, for `relative`. */
  newest: number | null;
}

/** Round to `digits` significant digits and show them all: `0.500`, `95.1`, `12,300`. */
export function formatSignificant(n: number, digits: number): string {
  if (!Number.isFinite(n)) return GAP;
  if (n === 0) return digits > 1 ? `0.${"0".repeat(digits - 1)}` : "0";
  const abs = Math.abs(n);
  if (abs < 1e-3 || abs >= 1e15) return trimExponent(n.toExponential(digits - 1));
  const magnitude = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(digits)))));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const fixed = Number(n.toPrecision(digits)).toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const grouped = Math.abs(Number(int)) >= 10000 ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : int!;
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function trimExponent(s: string): string {
  const [mant, exp] = s.split("e");
  return `${mant}e${Number(exp)}`;
}

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** 1536 → `1.50 KiB` (binary units; bytes below 1 KiB are whole). */
export function formatBytes(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return GAP;
  let v = Math.abs(n);
  let u = 0;
  while (v >= 1024 && u < BYTE_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const sign = n < 0 ? "-" : "";
  return u === 0 ? `${sign}${Math.round(v)} B` : `${sign}${formatSignificant(v, digits)} ${BYTE_UNITS[u]}`;
}

const RELATIVE_UNITS: [number, string][] = [
  [365 * 86400, "year"],
  [30 * 86400, "month"],
  [7 * 86400, "week"],
  [86400, "day"],
  [3600, "hour"],
  [60, "minute"],
  [1, "second"],
];

/** Seconds before the newest run → `3 days earlier`; `newest` for the newest run itself. */
export function formatRelative(secondsBefore: number): string {
  if (!Number.isFinite(secondsBefore)) return GAP;
  if (Math.abs(secondsBefore) < 1) return "newest";
  const abs = Math.abs(secondsBefore);
  const [size, unit] = RELATIVE_UNITS.find(([s]) => abs >= s)!;
  const count = Math.floor(abs / size);
  return `${count} ${unit}${count === 1 ? "" : "s"} ${secondsBefore > 0 ? "earlier" : "later"}`;
}

/** Epoch milliseconds of a timestamp value (ISO text, or epoch seconds as a number), else null. */
export function timestampOf(raw: unknown): number | null {
  if (typeof raw === "string") {
    const t = Date.parse(raw);
    return Number.isNaN(t) ? null : t;
  }
  if (typeof raw === "number" && Number.isFinite(raw)) return raw * 1000;
  return null;
}

/** Newest timestamp of `created` values, the reference point of `relative` columns. */
export function newestCreated(values: Iterable<unknown>): number | null {
  let newest: number | null = null;
  for (const v of values) {
    const t = timestampOf(v);
    if (t !== null && (newest === null || t > newest)) newest = t;
  }
  return newest;
}

/** A number in a column's format, without its unit (the header carries the unit). */
export function formatNumberAs(n: number, format: ColumnFormat): string {
  if (!Number.isFinite(n)) return GAP;
  switch (format.kind) {
    case "percent":
      return format.digits ? formatSignificant(n * 100, format.digits) : formatNumber(roundFloat(n * 100));
    case "duration":
      return formatDuration(n);
    case "bytes":
      return formatBytes(n, format.digits);
    default:
      return format.digits ? formatSignificant(n, format.digits) : formatNumber(n);
  }
}

// 0.9537 * 100 is 95.37000000000001: keep the digits the source had.
function roundFloat(n: number): number {
  return Number(n.toPrecision(12));
}

/** The text of one cell. `key` is the column's field (`created`, `tags`, `summary.val/acc`…). */
export function formatCell(key: string, format: ColumnFormat, raw: unknown, ctx: FormatContext): string {
  if (raw === null || raw === undefined) return GAP;
  if (format.kind === "relative") {
    const t = timestampOf(raw);
    if (t === null || ctx.newest === null) return formatValue(raw);
    return formatRelative((ctx.newest - t) / 1000);
  }
  if (format.kind !== "auto") return typeof raw === "number" ? formatNumberAs(raw, format) : formatValue(raw);
  if (key === "created" && typeof raw === "string") return formatDateTime(raw);
  if (key === "duration" && typeof raw === "number") return formatDuration(raw);
  if (key === "tags" && Array.isArray(raw)) return raw.join(", ");
  return formatValue(raw);
}

/** The unit a column's header shows: the written `unit`, else `%` for percent columns. */
export function columnUnit(format: ColumnFormat, unit: string | undefined): string | null {
  if (unit !== undefined) return unit || null;
  return format.kind === "percent" ? "%" : null;
}
