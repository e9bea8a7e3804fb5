/**
 * A compact, lossless JSON form for a column of numbers with gaps, as the page ships a line
 * chart's points: gzip compresses small integer deltas far better than long decimals, so a
 * column whose values are all multiples of one power of ten goes as integer deltas.
 *
 *   [1, null, 2.5]                  plain (anything else)
 *   {"a": [start, step, count]}     an arithmetic progression without gaps (a step grid)
 *   {"e": k, "d": [3, 2, null, -1]} value = (running sum of d) × 10^k; null is a gap and does
 *                                   not move the sum
 *
 * `decodeNumberColumn(encodeNumberColumn(v))` gives back exactly `v` (the encoder checks every
 * value and falls back to the plain form otherwise). The browser imports this module.
 */

export type NumberColumn = (number | null)[] | { a: [number, number, number] } | { e: number; d: (number | null)[] };

/** Largest integer a delta form carries; beyond it doubles stop being exact integers. */
const MAX_INT = 2 ** 52;

export function encodeNumberColumn(values: readonly (number | null)[]): NumberColumn {
  const plain = values.map((v) => (v === null || !Number.isFinite(v) ? null : v));
  const arithmetic = asArithmetic(plain);
  if (arithmetic) return arithmetic;
  for (const e of exponentsToTry(plain)) {
    const d = asDeltas(plain, e);
    if (d) return { e, d };
  }
  return plain;
}

export function decodeNumberColumn(column: NumberColumn): (number | null)[] {
  if (Array.isArray(column)) return column.map((v) => (typeof v === "number" ? v : null));
  if ("a" in column) {
    const [start, step, count] = column.a;
    return Array.from({ length: count }, (_, i) => start + i * step);
  }
  const out: (number | null)[] = new Array(column.d.length);
  let sum = 0;
  for (let i = 0; i < column.d.length; i++) {
    const d = column.d[i];
    if (typeof d !== "number") {
      out[i] = null;
      continue;
    }
    sum += d;
    out[i] = scaled(sum, column.e);
  }
  return out;
}

/** `i × 10^e`, computed so that it equals the double nearest to the decimal (as parsing it would). */
function scaled(i: number, e: number): number {
  return e >= 0 ? i * 10 ** e : i / 10 ** -e;
}

function asArithmetic(values: readonly (number | null)[]): { a: [number, number, number] } | null {
  if (values.length < 3 || values.some((v) => v === null)) return null;
  const start = values[0]!;
  const step = values[1]! - start;
  for (let i = 2; i < values.length; i++) if (values[i] !== start + i * step) return null;
  return { a: [start, step, values.length] };
}

/** Exponents worth trying, coarsest first: from the largest power of ten that divides the first value down to 10^-12. */
function exponentsToTry(values: readonly (number | null)[]): number[] {
  // |v| / 10^e grows with |v| (division rounds monotonically): the largest |v| decides for all.
  let maxAbs = 0;
  for (const v of values) if (v !== null && Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  const out: number[] = [];
  for (let e = 15; e >= -12; e--) if (maxAbs / 10 ** e <= MAX_INT) out.push(e);
  return out;
}

function asDeltas(values: readonly (number | null)[], e: number): (number | null)[] | null {
  const d: (number | null)[] = new Array(values.length);
  const p = 10 ** Math.abs(e); // once, not per value
  let prev = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null) {
      d[i] = null;
      continue;
    }
    const n = Math.round(e >= 0 ? v / p : v * p);
    if ((e >= 0 ? n * p : n / p) !== v) return null;
    d[i] = n - prev;
    prev = n;
  }
  return d;
}
