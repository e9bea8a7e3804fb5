/**
 * The scales of a line chart (`frame.ts` makes them), also written on its static SVG's lines
 * group (`data-x="linear 0 100 0 383"`: type, domain start and end, range start and end) so the
 * page can answer hover on the static chart before its code has made it live. Linear, time (ms)
 * and log (any positive domain) scales, as d3 (and vega) map them without clamping. No DOM: the
 * browser and the build both import it.
 */
export interface FrameScale {
  (v: number): number;
  invert(px: number): number;
}

type Kind = "linear" | "log" | "utc" | "time";

/** `"<type> <d0> <d1> <r0> <r1>"` of a vega scale's type, domain and range. */
export function formatFrameScale(type: string, domain: readonly (number | Date)[], range: readonly number[]): string {
  return [type, ...domain.map(Number), ...range.map(Number)].map(String).join(" ");
}

/** The scale written by `formatFrameScale`, or null for anything this module cannot map. */
export function parseFrameScale(text: string | null | undefined): FrameScale | null {
  if (!text) return null;
  const [type, ...rest] = text.trim().split(/\s+/);
  const nums = rest.map(Number);
  if (nums.length !== 4 || !nums.every(Number.isFinite)) return null;
  const [d0, d1, r0, r1] = nums as [number, number, number, number];
  if (!isKind(type) || d0 === d1 || !Number.isFinite(d1 - d0)) return null;
  if (type === "log") {
    if (!(d0 > 0 && d1 > 0)) return null;
    const l0 = Math.log(d0);
    const span = Math.log(d1) - l0;
    const scale = ((v: number) => r0 + ((Math.log(v) - l0) / span) * (r1 - r0)) as FrameScale;
    scale.invert = (px) => Math.exp(l0 + ((px - r0) / (r1 - r0)) * span);
    return scale;
  }
  const span = d1 - d0;
  // Values far outside the domain (±1e308) would overflow `v - d0`: divide first, then subtract.
  const scale = ((v: number) => {
    const t = v - d0;
    return r0 + (t - t === 0 ? t / span : v / span - d0 / span) * (r1 - r0);
  }) as FrameScale;
  scale.invert = (px) => d0 + ((px - r0) / (r1 - r0)) * (d1 - d0);
  return scale;
}

function isKind(t: string | undefined): t is Kind {
  return t === "linear" || t === "log" || t === "utc" || t === "time";
}
