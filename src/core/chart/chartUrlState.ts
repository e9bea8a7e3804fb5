/**
 * Per-chart view state in the URL hash, as text, so a shared link reopens the same view:
 * `#<chart id>=s0.6,x100-900,h3.5,ly`, several entries joined by `&`. Other entries (a plain
 * `#chart-2` anchor, another chart's or table's state) are kept as they are. Pure: hash text in,
 * hash text out; `src/client/urlState.ts` reads and writes `location`.
 *
 * - `s<number>`: smoothing parameter (EMA weight, σ or window, as the chart's slider);
 * - `x<a>-<b>`: zoomed x range, in data units (ms for wall time);
 * - `h<i>.<j>…`: hidden series, by index in the chart's data (legend order);
 * - `ly` / `lin`: log / linear y, when it differs from the chart's default.
 */
export interface ChartState {
  smooth?: number;
  x: [number, number] | null;
  hidden: Set<number>;
  logY: boolean;
}

// One way to split each number (the fraction starts at its dot): `\d+\.?\d*` let a crafted
// `#x111…1-111…1!` in a shared link backtrack for tens of seconds before failing.
const NUM = String.raw`-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?`;
const X_RANGE = new RegExp(`^x(${NUM})-(${NUM})$`);

/** The `&`-separated entries of a hash (with or without its `#`). */
export function hashEntries(hash: string): string[] {
  const h = hash.replace(/^#/, "");
  return h ? h.split("&") : [];
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The comma-separated parts of the entry `<id>=…`, decoded; null when there is none. */
export function hashEntryParts(hash: string, id: string): string[] | null {
  for (const e of hashEntries(hash)) {
    const eq = e.indexOf("=");
    if (eq >= 0 && decode(e.slice(0, eq)) === id) return e.slice(eq + 1).split(",").map(decode);
  }
  return null;
}

/** The hash (`#…`, or "" for none) with the entry `<id>=<parts>` set last, or removed when `parts` is empty. */
export function withHashEntry(hash: string, id: string, parts: readonly string[]): string {
  const rest = hashEntries(hash).filter((e) => {
    const eq = e.indexOf("=");
    return eq < 0 ? true : decode(e.slice(0, eq)) !== id;
  });
  const next = parts.length ? [...rest, `${encodeURIComponent(id)}=${parts.map((p) => encodeURIComponent(p)).join(",")}`] : rest;
  return next.length ? `#${next.join("&")}` : "";
}

/** The parts of a chart's state found in the hash (absent parts are left out; later entries win). */
export function parseChartState(hash: string, id: string): Partial<ChartState> {
  const out: Partial<ChartState> = {};
  for (const e of hashEntries(hash)) {
    const eq = e.indexOf("=");
    if (eq < 0 || decode(e.slice(0, eq)) !== id) continue;
    for (const part of e.slice(eq + 1).split(",")) {
      const p = decode(part);
      if (/^s/.test(p) && Number.isFinite(Number(p.slice(1))) && p.length > 1) out.smooth = Number(p.slice(1));
      else if (p === "ly") out.logY = true;
      else if (p === "lin") out.logY = false;
      else if (p.startsWith("h")) {
        out.hidden = new Set(
          p
            .slice(1)
            .split(".")
            .filter((t) => /^\d+$/.test(t))
            .map(Number),
        );
      } else {
        const m = X_RANGE.exec(p);
        if (m && Number(m[2]) > Number(m[1])) out.x = [Number(m[1]), Number(m[2])];
      }
    }
  }
  return out;
}

/** The parts of a chart's entry: what differs from its defaults (none: the entry goes). */
export function chartStateParts(state: ChartState, defaults: { smooth: number; logY: boolean }): string[] {
  const parts: string[] = [];
  if (state.smooth !== undefined && state.smooth !== defaults.smooth) parts.push(`s${state.smooth}`);
  if (state.x) parts.push(`x${state.x[0]}-${state.x[1]}`);
  if (state.hidden.size) parts.push(`h${[...state.hidden].sort((a, b) => a - b).join(".")}`);
  if (state.logY !== defaults.logY) parts.push(state.logY ? "ly" : "lin");
  return parts;
}
