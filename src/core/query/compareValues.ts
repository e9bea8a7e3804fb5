/**
 * How a field value compares with a literal, shared by expression evaluation and sorting.
 * Deterministic and locale-free: strings compare by Unicode code point.
 */
import { compareText } from "../format/compareText.ts";
import type { FieldRoot, LiteralValue } from "./ast.ts";

const NUMERIC_STRING = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** True for strings that spell a decimal number ("3e-4", " 0.5 "); not "", "0x10" or "Infinity". */
export function isNumericString(value: string): boolean {
  return NUMERIC_STRING.test(value);
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;

/** Length of the canonical form `YYYY-MM-DDTHH:MM:SS.sss` at each precision the syntax allows. */
const PRECISION = { year: 4, month: 7, day: 10, minute: 16, second: 19, millisecond: 23 } as const;

export interface CanonicalDate {
  /** `YYYY-MM-DDTHH:MM:SS.sss` in UTC, missing parts filled with their start (month 01, 00:00…). */
  full: string;
  /** How many characters of `full` the text actually specified. */
  precision: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parse an ISO 8601 date or date-time (`2026`, `2026-01`, `2026-01-01`, `2026-01-01T12:00`,
 * `…:30.5Z`, `…+02:00`). A time without a zone is UTC, so results never depend on the machine's TZ.
 */
export function canonicalDate(text: string): CanonicalDate | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo !== undefined ? Number(mo) : 1;
  const day = d !== undefined ? Number(d) : 1;
  const hour = h !== undefined ? Number(h) : 0;
  const minute = mi !== undefined ? Number(mi) : 0;
  const second = s !== undefined ? Number(s) : 0;
  const ms = frac !== undefined ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone !== undefined && zone.toUpperCase() !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute - offsetMinutes, second, ms);
  const precision =
    frac !== undefined ? PRECISION.millisecond
    : s !== undefined ? PRECISION.second
    : h !== undefined ? PRECISION.minute
    : d !== undefined ? PRECISION.day
    : mo !== undefined ? PRECISION.month
    : PRECISION.year;
  return { full: date.toISOString().slice(0, 23), precision };
}

/** Compare a run's timestamp with a date literal at the literal's precision; undefined if either is not a date. */
function compareDates(value: string, literal: string): number | undefined {
  const a = canonicalDate(value);
  const b = canonicalDate(literal);
  if (!a || !b) return undefined;
  return compareText(a.full.slice(0, b.precision), b.full.slice(0, b.precision));
}

function numericPair(value: unknown, literal: LiteralValue): [number, number] | undefined {
  if (typeof value === "number" && typeof literal === "number") return [value, literal];
  if (typeof value === "number" && typeof literal === "string" && isNumericString(literal)) return [value, Number(literal)];
  if (typeof value === "string" && typeof literal === "number" && isNumericString(value)) return [Number(value), literal];
  return undefined;
}

/**
 * Sign of `value` compared with `literal`, or undefined when they are not comparable (null on
 * either side, different types, NaN). Numbers compare with numeric strings numerically; `created`
 * compares as a date at the literal's precision.
 */
export function orderAgainst(value: unknown, literal: LiteralValue, root: FieldRoot): number | undefined {
  if (value === null || value === undefined || literal === null) return undefined;
  const numbers = numericPair(value, literal);
  if (numbers) {
    const [x, y] = numbers;
    if (Number.isNaN(x) || Number.isNaN(y)) return undefined;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof value === "string" && typeof literal === "string") {
    if (root === "created") {
      const d = compareDates(value, literal);
      if (d !== undefined) return d;
    }
    return compareText(value, literal);
  }
  if (typeof value === "boolean" && typeof literal === "boolean") return Number(value) - Number(literal);
  return undefined;
}

/** `value = literal`: `null` equals only `null`; otherwise equal when `orderAgainst` says 0. */
export function equalsLiteral(value: unknown, literal: LiteralValue, root: FieldRoot): boolean {
  if (value === null || literal === null) return value === literal;
  return orderAgainst(value, literal, root) === 0;
}
