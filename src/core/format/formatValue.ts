/**
 * Display text for run values in tables and tooltips. Numbers get as many digits as a reader
 * needs to compare them, never more; gaps are shown as a dash, never as zero.
 */
export const GAP = "—";

export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return GAP;
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return abs >= 10000 ? groupThousands(n) : String(n);
  if (abs < 1e-3 || abs >= 1e6) return trimExponent(n.toExponential(3));
  return trimZeros(n.toPrecision(4));
}

/**
 * A chart's values (its tooltip, data table and zoom announcements): up to 6 significant digits,
 * so neighbouring points stay distinguishable; integers exact; thousands grouped from 10,000;
 * an exponent below 1e-4 and from 1e12.
 */
export function formatChartNumber(n: number): string {
  if (!Number.isFinite(n)) return GAP;
  if (n === 0) return "0";
  const abs = Math.abs(n);
  if (Number.isInteger(n) && abs < 1e15) return abs >= 10000 ? groupThousands(n) : String(n);
  if (abs < 1e-4 || abs >= 1e12) return trimExponent(n.toExponential(4));
  // toPrecision writes an exponent from 1e6 on: six digits of a number that large are whole
  if (abs >= 1e6) return groupThousands(Number(n.toPrecision(6)));
  const [int, frac] = trimZeros(n.toPrecision(6)).split(".");
  const grouped = abs >= 10000 ? groupThousands(Number(int)) : int!;
  return frac ? `${grouped}.${frac}` : grouped;
}

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return GAP;
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return v;
  if (Array.isArray(v)) return `[${v.map(formatValue).join(", ")}]`;
  return JSON.stringify(v);
}

/** `2026-03-04T05:06:07Z` → `2026-03-04 05:06 UTC`: fixed zone, so builds are deterministic. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return GAP;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)} UTC`;
}

/** Seconds → `3h 05m`, `4m 10s`, `12.3s`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return GAP;
  const s = Math.round(seconds);
  if (seconds < 60) return `${trimZeros(seconds.toPrecision(3))}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h >= 24) return `${Math.floor(h / 24)}d ${String(h % 24).padStart(2, "0")}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m ${String(s % 60).padStart(2, "0")}s`;
}

function groupThousands(n: number): string {
  const sign = n < 0 ? "-" : "";
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function trimZeros(s: string): string {
  if (s.includes("e")) return trimExponent(s);
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function trimExponent(s: string): string {
  const [mant, exp] = s.split("e");
  const m = mant!.includes(".") ? mant!.replace(/\.?0+$/, "") : mant!;
  const e = Number(exp);
  return `${m}e${e}`;
}
