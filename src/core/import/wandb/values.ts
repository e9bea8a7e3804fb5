/**
 * W&B value handling shared by the file and record readers: JSON with Python's bare NaN /
 * Infinity, flattening of nested dicts with `/`, and the skip counts for media dicts (`_type`),
 * lists, text and booleans, which have no place in a numeric history.
 */
import { parseJsonValue } from "../../runs/parseJsonWithPositions.ts";
import type { SummaryValue } from "../../run.ts";
import { ownRecord, ownValue, setOwn } from "../../ownRecord.ts";

export type JsonResult = { ok: true; value: unknown } | { ok: false; offset: number; message: string };

/** `JSON.parse`, then the slow parser that also reads bare `NaN`, `Infinity`, `-Infinity` (see `parseJsonValue`). */
export function parseJsonLoose(text: string): JsonResult {
  const r = parseJsonValue(text);
  return r.ok ? { ok: true, value: r.value } : { ok: false, offset: r.error.offset, message: r.error.message };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** A history number: finite, NaN, ±Infinity; strings such as "NaN"/"inf" count as logged non-finite. */
export function historyNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "string" && NON_FINITE.test(v.trim())) {
    const t = v.trim().toLowerCase();
    return t.startsWith("-") ? -Infinity : t.endsWith("nan") ? NaN : Infinity;
  }
  return undefined;
}

/** Counts of things seen and not imported, keyed by a description. */
export class SkipCounter {
  private counts = new Map<string, { what: string; reason: string; count: number; keys: Set<string> }>();

  add(what: string, reason: string, key?: string, n = 1): void {
    const id = `${what}\u0000${reason}`;
    let e = this.counts.get(id);
    if (!e) this.counts.set(id, (e = { what, reason, count: 0, keys: new Set() }));
    e.count += n;
    if (key !== undefined) e.keys.add(key);
  }

  /** Adds another counter's counts and keys to this one (the phases of a run each count their own). */
  addAll(other: SkipCounter): void {
    for (const [id, o] of other.counts) {
      let e = this.counts.get(id);
      if (!e) this.counts.set(id, (e = { what: o.what, reason: o.reason, count: 0, keys: new Set() }));
      e.count += o.count;
      for (const k of o.keys) e.keys.add(k);
    }
  }

  /** Entries sorted by `what`; the keys involved are listed (up to 5) after the description. */
  entries(): { what: string; reason: string; count: number }[] {
    return [...this.counts.values()]
      .map((e) => {
        const keys = [...e.keys].sort();
        const list = keys.length === 0 ? "" : `: ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? `, … (${keys.length} keys)` : ""}`;
        return { what: e.what + list, reason: e.reason, count: e.count };
      })
      .sort((a, b) => (a.what < b.what ? -1 : a.what > b.what ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
  }
}

export const MEDIA_REASON = "W&B media, tables and histograms are not imported (only numbers are)";

/** Receives W&B typed values (`{"_type": …}`: images, tables, histograms…) under their `/`-joined key. */
export type TypedValueSink = (key: string, value: Record<string, unknown>) => void;

/**
 * Walks a logged value: numbers go to `onNumber` under their `/`-joined path; dicts with `_type`
 * (images, videos, tables, histograms…) and other non-numbers are counted in `skips` under `where`.
 */
export function flattenHistoryValue(
  path: string,
  v: unknown,
  where: string,
  skips: SkipCounter,
  onNumber: (key: string, n: number) => void,
  onTyped?: TypedValueSink,
): void {
  if (v === null || v === undefined) return;
  const n = historyNumber(v);
  if (n !== undefined) {
    onNumber(path, n);
    return;
  }
  if (isPlainObject(v)) {
    if (typeof v._type === "string") {
      if (onTyped) onTyped(path, v);
      else skips.add(`${v._type} values in ${where}`, MEDIA_REASON, path);
      return;
    }
    for (const k of Object.keys(v)) flattenHistoryValue(`${path}/${k}`, v[k], where, skips, onNumber, onTyped);
    return;
  }
  const kind = Array.isArray(v) ? "list" : typeof v === "string" ? "text" : typeof v === "boolean" ? "boolean" : typeof v;
  skips.add(`${kind} values in ${where}`, "a history holds numbers only", path);
}

/**
 * Walks a summary value: numbers (non-finite → null), text and booleans are kept under their
 * `/`-joined path; media dicts and lists are counted in `skips`.
 */
export function flattenSummaryValue(
  path: string,
  v: unknown,
  where: string,
  skips: SkipCounter,
  out: Record<string, SummaryValue>,
  onTyped?: TypedValueSink,
): void {
  if (v === null || v === undefined) {
    setOwn(out, path, null);
    return;
  }
  if (typeof v === "number") {
    setOwn(out, path, Number.isFinite(v) ? v : null);
    return;
  }
  if (typeof v === "string") {
    setOwn(out, path, NON_FINITE.test(v.trim()) ? null : v);
    return;
  }
  if (typeof v === "boolean") {
    setOwn(out, path, v);
    return;
  }
  if (isPlainObject(v)) {
    if (typeof v._type === "string") {
      if (onTyped) onTyped(path, v);
      else skips.add(`${v._type} values in ${where}`, MEDIA_REASON, path);
      return;
    }
    const keys = Object.keys(v);
    if (keys.length === 0) return;
    for (const k of keys) flattenSummaryValue(`${path}/${k}`, v[k], where, skips, out, onTyped);
    return;
  }
  skips.add(`list values in ${where}`, "a summary holds single values, not lists", path);
}

/** Sets `value` at a nested `path` of `obj`, creating objects (without a prototype) on the way. */
export function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (let i = 0; i < path.length - 1; i++) {
    const k = path[i]!;
    const next = ownValue(cur, k);
    if (isPlainObject(next)) cur = next;
    else {
      const child = ownRecord();
      setOwn(cur, k, child);
      cur = child;
    }
  }
  setOwn(cur, path[path.length - 1]!, value);
}

export function deletePath(obj: Record<string, unknown>, path: readonly string[]): void {
  let cur: unknown = obj;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isPlainObject(cur)) return;
    cur = ownValue(cur, path[i]!);
  }
  if (isPlainObject(cur) && Object.hasOwn(cur, path[path.length - 1]!)) delete cur[path[path.length - 1]!];
}

/** Config values as JSON allows them: non-finite numbers become null (as the run loader does). */
export function cleanConfigValue(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(cleanConfigValue);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = ownRecord<unknown>();
    for (const k of Object.keys(v)) out[k] = cleanConfigValue(v[k]);
    return out;
  }
  return v;
}

/** A safe file-name slug: `[A-Za-z0-9._-]`, no leading dot, never empty. */
export function toSlug(s: string, fallback = "run"): string {
  const slug = s
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return slug === "" ? fallback : slug;
}
