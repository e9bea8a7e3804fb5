import { formatNumber } from "../format/formatValue.ts";

/**
 * Labels for a set of numbers shown side by side (group keys, legend entries): one notation for
 * all of them. When any value would be written with an exponent (below 1e-3 or from 1e6), every
 * non-zero value is: "1e-4, 3e-4, 1e-3, 3e-3", not "1e-4, 3e-4, 0.001, 0.003".
 */
export function formatNumberLevels(values: readonly number[]): Map<number, string> {
  const finite = [...new Set(values.filter((v) => Number.isFinite(v)))];
  const exponent = finite.some((v) => formatNumber(v).includes("e"));
  const out = new Map<number, string>();
  for (const v of finite) out.set(v, exponent && v !== 0 ? exponential(v) : formatNumber(v));
  return out;
}

/** Shortest exponent form that is exact, else 4 significant digits. */
function exponential(v: number): string {
  for (let digits = 0; digits <= 3; digits++) {
    const s = v.toExponential(digits);
    if (Number(s) === v || digits === 3) return trim(s);
  }
  return trim(v.toExponential(3));
}

function trim(s: string): string {
  const [mant, exp] = s.split("e");
  const m = mant!.includes(".") ? mant!.replace(/\.?0+$/, "") : mant!;
  return `${m}e${Number(exp)}`;
}
