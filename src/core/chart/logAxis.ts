/**
 * Ticks of a vega-lite log axis: every decade the data spans gets a labelled tick (vega's own
 * choice thins them and can leave the decade where the best points sit unlabelled). Data
 * spanning fewer than three decades add the 3× ticks ML sweeps use (1e-4, 3e-4, 1e-3, 3e-3);
 * data within a decade get 2× and 5× instead. All labels share one notation.
 */
export function logAxisTicks(values: readonly number[]): { values: number[]; format: string } | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || v <= 0) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(lo <= hi) || hi / lo > 1e200) return null;
  // A hair of slack so data exactly on a tick keeps it despite rounding.
  const from = lo / (1 + 1e-9);
  const to = hi * (1 + 1e-9);
  const k0 = Math.floor(Math.log10(from));
  const k1 = Math.ceil(Math.log10(to));
  const decades = Math.log10(hi / lo);
  const steps = decades >= 3 ? [1] : decades >= 1 ? [1, 3] : [1, 2, 5];
  const ticks: number[] = [];
  for (let k = k0; k <= k1; k++) {
    for (const m of steps) {
      const v = Number(`${m}e${k}`);
      if (v >= from && v <= to) ticks.push(v);
    }
  }
  // Too many decades for the axis: every other one (every third …) keeps the labels apart.
  const stride = Math.max(1, Math.ceil(ticks.length / 12));
  const kept = stride === 1 ? ticks : ticks.filter((v) => Math.round(Math.log10(v)) % stride === 0);
  if (kept.length === 0) return null;
  const exponent = kept.some((v) => v < 1e-3 || v >= 1e6);
  return { values: kept, format: exponent ? "~e" : ",~g" };
}
