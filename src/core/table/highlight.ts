export type BestDirection = "min" | "max";

/** Indices of the rows holding a column's best finite number (all of them on a tie). */
export function bestRows(values: readonly unknown[], direction: BestDirection): Set<number> {
  let best: number | null = null;
  values.forEach((v) => {
    if (typeof v !== "number" || !Number.isFinite(v)) return;
    if (best === null || (direction === "min" ? v < best : v > best)) best = v;
  });
  const out = new Set<number>();
  if (best === null) return out;
  values.forEach((v, i) => {
    if (v === best) out.add(i);
  });
  return out;
}
