/**
 * How much of a run's text the site shows. A run file may hold a 200 MB note or a 5,000-character
 * name; pages, tables, the search index and the run index show a clipped copy (ending in "…"),
 * the downloadable run JSON keeps every character, and parsing warns (RUN042) at each clipped field.
 */
import type { Run } from "../run.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";

export const TEXT_LIMITS = {
  /** Run notes: a long write-up fits; a log pasted in does not. */
  notes: 100_000,
  /** Names, groups and tags: a line of a table or a legend. */
  name: 200,
  /** Text values in config and summary: a paragraph, not a file's contents. */
  value: 2_000,
} as const;

/** `text` cut to at most `limit` characters plus "…" (never inside a surrogate pair). */
export function clipText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export interface LongText {
  /** Path of the value in the run file (`["config", "prompt"]`, `["tags", 2]`). */
  path: (string | number)[];
  /** The field as the warning names it (`config.prompt`). */
  field: string;
  length: number;
  limit: number;
}

/** Every text value of run metadata longer than the site shows, in a stable order. */
export function findLongText(meta: {
  name?: string;
  group?: string | null;
  tags?: string[];
  notes?: string | null;
  config?: Record<string, unknown>;
  summary?: Record<string, unknown>;
}): LongText[] {
  const out: LongText[] = [];
  const check = (value: unknown, path: (string | number)[], field: string, limit: number): void => {
    if (typeof value === "string" && value.length > limit) out.push({ path, field, length: value.length, limit });
  };
  check(meta.name, ["name"], "name", TEXT_LIMITS.name);
  check(meta.group, ["group"], "group", TEXT_LIMITS.name);
  meta.tags?.forEach((t, i) => check(t, ["tags", i], `tags[${i}]`, TEXT_LIMITS.name));
  check(meta.notes, ["notes"], "notes", TEXT_LIMITS.notes);
  // Config nests at most MAX_NESTING levels (checked while parsing); walked without recursion.
  const stack: { value: unknown; path: (string | number)[] }[] = meta.config ? [{ value: meta.config, path: [] }] : [];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") check(value, ["config", ...path], `config.${path.join(".")}`, TEXT_LIMITS.value);
    else if (Array.isArray(value)) for (let k = value.length - 1; k >= 0; k--) stack.push({ value: value[k], path: [...path, k] });
    else if (value !== null && typeof value === "object") {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) stack.push({ value: (value as Record<string, unknown>)[keys[k]!], path: [...path, keys[k]!] });
    }
  }
  if (meta.summary) for (const key of Object.keys(meta.summary)) check(meta.summary[key], ["summary", key], `summary.${key}`, TEXT_LIMITS.value);
  return out;
}

/** The run as pages show it: every text field clipped to `TEXT_LIMITS`. */
export function clipRunText(run: Run): Run {
  // Recursion over config is bounded by MAX_NESTING, checked while parsing.
  const clipValue = (v: unknown): unknown => {
    if (typeof v === "string") return clipText(v, TEXT_LIMITS.value);
    if (Array.isArray(v)) return v.map(clipValue);
    if (v !== null && typeof v === "object") {
      const out = ownRecord();
      for (const k of Object.keys(v)) setOwn(out, k, clipValue((v as Record<string, unknown>)[k]));
      return out;
    }
    return v;
  };
  return {
    ...run,
    name: clipText(run.name, TEXT_LIMITS.name),
    group: run.group === null ? null : clipText(run.group, TEXT_LIMITS.name),
    tags: run.tags.map((t) => clipText(t, TEXT_LIMITS.name)),
    notes: run.notes === null ? null : clipText(run.notes, TEXT_LIMITS.notes),
    config: clipValue(run.config) as Record<string, unknown>,
    summary: clipValue(run.summary) as Run["summary"],
  };
}
