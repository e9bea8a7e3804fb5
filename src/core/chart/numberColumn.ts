/**
 * A compact, lossless JSON form for a column of numbers with gaps, as the page ships a line
 * chart's points: gzip compresses small integer deltas far better than long decimals, so a
 * column whose values are all multiples of one power of ten goes as integer deltas, written as
 * one string (no per-number JSON work at build, one split in the browser).
 *
 *   [1, null, 2.5]                  plain (anything else)
 *   {"a": [start, step, count]}     an arithmetic progression without gaps (a step grid)
 *   {"e": k, "d": "3,2,,-1"}        value = (running sum of the deltas) × 10^k; an empty delta
 *                                   is a gap and does not move the sum
 *
 * `decodeNumberColumn(encodeNumberColumn(v))` gives back exactly `v` (the encoder checks every
 * value and falls back to the plain form otherwise). The browser imports this module.
 */

export type NumberColumn = (number | null)[] | { a: [number, number, number] } | { e: number; d: string };

/** Largest integer a delta form carries; beyond it doubles stop being exact integers. */
const MAX_INT = 2 ** 52;

export function encodeNumberColumn(values: ArrayLike<number | null>): NumberColumn {
  // "" would read back as one gap: an empty column stays an empty array
  if (values.length === 0) return [];
  const arithmetic = asArithmetic(values);
  if (arithmetic) return arithmetic;
  for (const e of exponentsToTry(values)) {
    // a cheap check first: a too coarse exponent fails on the first value, without building text
    if (!allMultiples(values, e)) continue;
    return { e, d: deltaText(values, e) };
  }
  return Array.from(values, (v) => (v === null || !Number.isFinite(v) ? null : v));
}

export function decodeNumberColumn(column: NumberColumn): (number | null)[] {
  if (Array.isArray(column)) return column.map((v) => (typeof v === "number" ? v : null));
  if ("a" in column) {
    const [start, step, count] = column.a;
    return Array.from({ length: count }, (_, i) => start + i * step);
  }
  const parts = column.d.split(",");
  const out: (number | null)[] = new Array(parts.length);
  let sum = 0;
  for (let i = 0; i < parts.length; i++) {
    const d = parts[i]!;
    if (d === "") {
      out[i] = null;
      continue;
    }
    sum += Number(d);
    out[i] = scaled(sum, column.e);
  }
  return out;
}

/** `i × 10^e`, computed so that it equals the double nearest to the decimal (as parsing it would). */
function scaled(i: number, e: number): number {
  return e >= 0 ? i * 10 ** e : i / 10 ** -e;
}

function isValue(v: number | null | undefined): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function asArithmetic(values: ArrayLike<number | null>): { a: [number, number, number] } | null {
  const n = values.length;
  if (n < 3) return null;
  const start = values[0];
  const second = values[1];
  if (!isValue(start) || !isValue(second)) return null;
  const step = second - start;
  // From i = 1: `second - start` can round (or overflow) so that `start + step` misses `second`.
  // Finite values only: an overflowing step can "reach" an infinity that reads back as a gap.
  if (!isValue(step)) return null;
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (!isValue(v) || v !== start + i * step) return null;
  }
  return { a: [start, step, n] };
}

/** Exponents worth trying, coarsest first, down to 10^-12: those whose integers stay exact for the largest value. */
function exponentsToTry(values: ArrayLike<number | null>): number[] {
  // |v| / 10^e grows with |v| (division rounds monotonically): the largest |v| decides for all.
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isValue(v) && Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  const out: number[] = [];
  for (let e = 15; e >= -12; e--) if (maxAbs / 10 ** e <= MAX_INT) out.push(e);
  return out;
}

function allMultiples(values: ArrayLike<number | null>, e: number): boolean {
  const p = 10 ** Math.abs(e);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isValue(v)) continue;
    const n = Math.round(e >= 0 ? v / p : v * p);
    if ((e >= 0 ? n * p : n / p) !== v) return false;
  }
  return true;
}

function deltaText(values: ArrayLike<number | null>, e: number): string {
  const p = 10 ** Math.abs(e);
  const parts: string[] = new Array(values.length);
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!isValue(v)) {
      parts[i] = "";
      continue;
    }
    const n = Math.round(e >= 0 ? v / p : v * p);
    parts[i] = String(n - prev);
    prev = n;
  }
  return parts.join(",");
}
