/**
 * Per-chart view state in the URL hash, so a shared link reopens the same view:
 * `#<chart id>=s0.6,x100-900,h3.5,ly`, several charts joined by `&`. Other hash entries (a plain
 * `#chart-2` anchor, another chart's state) are kept as they are. Written with
 * `history.replaceState`, so moving a slider neither scrolls nor fills the history.
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

function entries(): string[] {
  const h = location.hash.replace(/^#/, "");
  return h ? h.split("&") : [];
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The parts of a chart's state found in the hash (absent parts are left out). */
export function readChartState(id: string): Partial<ChartState> {
  const out: Partial<ChartState> = {};
  for (const e of entries()) {
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

/** Writes (or removes, when everything is at its default) the chart's entry. */
export function writeChartState(id: string, state: ChartState, defaults: { smooth: number; logY: boolean }): void {
  const parts: string[] = [];
  if (state.smooth !== undefined && state.smooth !== defaults.smooth) parts.push(`s${state.smooth}`);
  if (state.x) parts.push(`x${state.x[0]}-${state.x[1]}`);
  if (state.hidden.size) parts.push(`h${[...state.hidden].sort((a, b) => a - b).join(".")}`);
  if (state.logY !== defaults.logY) parts.push(state.logY ? "ly" : "lin");
  writeHashEntry(id, parts);
}

/** The comma-separated parts of the hash entry `<id>=…`, decoded; null when there is none. */
export function readHashEntry(id: string): string[] | null {
  for (const e of entries()) {
    const eq = e.indexOf("=");
    if (eq >= 0 && decode(e.slice(0, eq)) === id) return e.slice(eq + 1).split(",").map(decode);
  }
  return null;
}

/** Sets the hash entry `<id>=<parts>` (each part encoded), or removes it when `parts` is empty. */
export function writeHashEntry(id: string, parts: readonly string[]): void {
  const key = encodeURIComponent(id);
  const rest = entries().filter((e) => {
    const eq = e.indexOf("=");
    return eq < 0 ? true : decode(e.slice(0, eq)) !== id;
  });
  const next = parts.length ? [...rest, `${key}=${parts.map((p) => encodeURIComponent(p)).join(",")}`] : rest;
  const hash = next.length ? `#${next.join("&")}` : "";
  if (hash === location.hash || (hash === "" && location.hash === "")) return;
  history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
}
