/**
 * A run record in JSON (`runs/<project>/<run>.json`, or a folder's `run.json`): metadata, config,
 * summary and an optional history in column or row form.
 *
 * Phases: JSON.parse (fast path) → positional parse when that fails (syntax error position, bare
 * NaN/Infinity) → unknown keys → metadata schema (zod) → summary flattening → history. Positions
 * for schema problems come from a positional re-parse that runs only when there is something to
 * report.
 */
import { z } from "zod";
import { didYouMean } from "../diagnostics.ts";
import { GIT_KEYS, RUN_STATES, type GitInfo, type History, type RunState, type SummaryValue } from "../run.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { HistoryBuilder, STEP_KEYS, TIME_KEYS, findStepDecrease, isLoggedValue, toHistoryNumber } from "./HistoryBuilder.ts";
import { jsonProblemMessage, runMessages } from "./messages.ts";
import { isNonFiniteToken } from "./parseCsv.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";
import { isPlainObject } from "./parseHistoryJsonl.ts";
import { describeJsonValue, jsonPathKey, parseJsonValue, parseJsonWithPositions, stripBom, type JsonPath, type JsonSpan } from "./parseJsonWithPositions.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";
import { findLongText } from "./textLimits.ts";
import { findProseLimitProblem } from "../format/proseLimits.ts";
import { inexactReading, mayHoldInexactNumbers, suspectNumberPaths } from "./inexactNumbers.ts";
import { RUN_FORMAT_VERSION, judgeVersion } from "../version/formatVersion.ts";

/** Validated run metadata from a source file; `normalizeRun` fills in the defaults. */
export interface RunMeta {
  name?: string;
  group?: string | null;
  tags?: string[];
  state?: RunState;
  /** ISO 8601 (unix seconds are converted). */
  created?: string | null;
  duration?: number | null;
  notes?: string | null;
  git?: GitInfo | null;
  config?: Record<string, unknown>;
  /** Flat: nested objects were joined with "/"; non-finite values are null. */
  summary?: Record<string, SummaryValue>;
}

export interface ParsedRunJson {
  /** Null when the file has an error (the run is then left out). */
  meta: RunMeta | null;
  /** The `history` key, if there is one and it is valid. */
  history: History | null;
  /** Last logged value per metric of `history` (see `ParsedHistory.lastLogged`); `{}` without one. */
  lastLogged: Record<string, number>;
  /** True when the file has a `history` key (valid or not). */
  hasHistory: boolean;
  diagnostics: ReturnType<FileDiagnostics["done"]>;
  nonFinite: number;
}

export const RUN_JSON_KEYS = ["name", "group", "tags", "state", "created", "duration", "notes", "git", "config", "summary", "history", "format_version"] as const;

const gitSchema = z.object({
  commit: z.string().nullish(),
  branch: z.string().nullish(),
  dirty: z.boolean().nullish(),
  remote: z.string().nullish(),
});

const metaSchema = z.object({
  name: z.string().nullish(),
  group: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  state: z.enum(RUN_STATES).nullish(),
  created: z.union([z.string(), z.number()]).nullish(),
  duration: z.number().nonnegative().nullish(),
  notes: z.string().nullish(),
  git: gitSchema.nullish(),
  config: z.record(z.string(), z.unknown()).nullish(),
  summary: z.record(z.string(), z.unknown()).nullish(),
});

const EXPECTED: Record<string, string> = {
  name: "a string",
  group: "a string or null",
  tags: "a list of strings",
  "tags[]": "a string",
  duration: "a non-negative number of seconds",
  notes: "a string",
  git: "an object with commit, branch, dirty and remote",
  "git.dirty": "true or false",
  "git.*": "a string",
  config: "an object",
  summary: "an object",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `created` as an ISO 8601 string, or undefined when it is neither ISO 8601 nor unix seconds. */
export function normalizeCreated(v: string | number): string | undefined {
  if (typeof v === "number") {
    // Beyond ±8.64e12 s a Date is invalid and toISOString would throw.
    const d = new Date(v * 1000);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const s = v.trim();
  if (ISO_DATE.test(s) && !Number.isNaN(Date.parse(s.replace(" ", "T")))) return s;
  if (/^-?\d+(\.\d+)?$/.test(s)) return normalizeCreated(Number(s));
  return undefined;
}

export function formatPath(path: JsonPath): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

/** Locates values by path, parsing the text with positions at most once. */
export class Locator {
  private spans: Map<string, JsonSpan> | null = null;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  span(path: JsonPath): JsonSpan {
    if (!this.spans) {
      const r = parseJsonWithPositions(this.text, { positions: true });
      this.spans = r.ok ? r.positions! : new Map();
    }
    for (let k = path.length; k >= 0; k--) {
      const s = this.spans.get(jsonPathKey(path.slice(0, k)));
      if (s) return s;
    }
    return { offset: 0, end: 0 };
  }
  value(path: JsonPath): number {
    return this.span(path).offset;
  }
  key(path: JsonPath): number {
    const s = this.span(path);
    return s.keyOffset ?? s.offset;
  }
}

export function parseRunJson(file: SourceText): ParsedRunJson {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const fail = (): ParsedRunJson => ({ meta: null, history: null, lastLogged: {}, hasHistory: false, diagnostics: diags.done(), nonFinite: 0 });

  const r = parseJsonValue(text);
  if (!r.ok) {
    diags.at(r.error.offset, "error", jsonProblemMessage(r.error));
    return fail();
  }
  const doc = r.value;
  const loc = new Locator(text);
  if (!isPlainObject(doc)) {
    diags.at(loc.value([]), "error", runMessages.notAnObject("the run file", describeJsonValue(doc)));
    return fail();
  }

  for (const key of Object.keys(doc)) {
    if (!(RUN_JSON_KEYS as readonly string[]).includes(key)) {
      diags.at(loc.key([key]), "warning", runMessages.unknownKey(key, didYouMean(key, RUN_JSON_KEYS), RUN_JSON_KEYS), key.length + 2);
    }
  }
  if (isPlainObject(doc.git)) {
    for (const key of Object.keys(doc.git)) {
      if (!(GIT_KEYS as readonly string[]).includes(key)) {
        diags.at(loc.key(["git", key]), "warning", runMessages.unknownKey(`git.${key}`, didYouMean(key, GIT_KEYS), GIT_KEYS), key.length + 2);
      }
    }
  }

  const version = judgeVersion(doc.format_version, RUN_FORMAT_VERSION);
  if (version.kind === "invalid") {
    diags.at(loc.value(["format_version"]), "error", runMessages.formatVersionInvalid(describeJsonValue(doc.format_version)));
    return fail();
  }
  if (version.kind === "newer") diags.at(loc.value(["format_version"]), "warning", runMessages.formatNewer(version.version, RUN_FORMAT_VERSION));

  // zod rebuilds records with plain assignment, which would drop a `__proto__` key: it only
  // validates here, and config and summary are taken from the document itself.
  const metaInput: Record<string, unknown> = { ...doc };
  delete metaInput.history;
  delete metaInput.format_version;
  if (typeof metaInput.duration === "number" && !Number.isFinite(metaInput.duration)) metaInput.duration = null;
  const parsed = metaSchema.safeParse(metaInput);
  if (!parsed.success) {
    reportSchemaIssues(parsed.error.issues, doc, loc, diags);
    const created = doc.created;
    if ((typeof created === "string" || typeof created === "number") && normalizeCreated(created) === undefined) {
      diags.at(loc.value(["created"]), "error", runMessages.badCreated(describeJsonValue(created)));
    }
    return fail();
  }
  const m = parsed.data;
  const meta: RunMeta = {};
  if (m.name != null) meta.name = m.name;
  if (m.group !== undefined) meta.group = m.group;
  if (m.tags != null) meta.tags = m.tags;
  if (m.state != null) meta.state = m.state;
  if (m.created != null) {
    const created = normalizeCreated(m.created);
    if (created === undefined) {
      diags.at(loc.value(["created"]), "error", runMessages.badCreated(describeJsonValue(m.created)));
      return fail();
    }
    meta.created = created;
  }
  if (m.duration !== undefined) meta.duration = m.duration;
  if (m.notes !== undefined) meta.notes = m.notes;
  if (m.git != null) {
    const git: GitInfo = {};
    for (const k of GIT_KEYS) if (m.git[k] != null) (git as Record<string, unknown>)[k] = m.git[k];
    meta.git = git;
  } else if (m.git === null) meta.git = null;
  if (m.config != null) meta.config = sanitizeConfig(doc.config) as Record<string, unknown>;
  if (m.summary != null) {
    const summary = ownRecord<SummaryValue>();
    flattenSummary(doc.summary as Record<string, unknown>, [], summary, (path, problem) => {
      if (problem === "list") diags.at(loc.value(["summary", ...path]), "warning", runMessages.summaryList(path.join("/")));
      else diags.at(loc.key(["summary", ...path]), "warning", runMessages.emptyMetricName(`in \`${formatPath(["summary", ...path.slice(0, -1)])}\``));
    });
    meta.summary = summary;
  }

  for (const t of findLongText(meta)) diags.at(loc.value(t.path), "warning", runMessages.longText(t.field, t.length, t.limit));
  if (meta.notes && findProseLimitProblem(meta.notes)) diags.at(loc.value(["notes"]), "warning", runMessages.notesNotMarkdown());
  if (mayHoldInexactNumbers(text)) {
    for (const key of ["config", "summary"] as const) {
      for (const path of suspectNumberPaths(doc[key], [key])) {
        const span = loc.span(path);
        const literal = text.slice(span.offset, span.end);
        const read = inexactReading(literal, valueAt(doc, path) as number);
        if (read !== undefined) diags.at(span.offset, "warning", runMessages.inexactNumber(formatPath(path), literal, read), literal.length);
      }
    }
  }

  let history: History | null = null;
  let lastLogged: Record<string, number> = {};
  let nonFinite = 0;
  const hasHistory = doc.history !== undefined && doc.history !== null;
  if (hasHistory) {
    const h = parseHistoryValue(doc.history, ["history"], loc, diags);
    history = h.history;
    lastLogged = h.lastLogged;
    nonFinite = h.nonFinite;
  }
  if (diags.hasErrors) return { ...fail(), hasHistory };
  return { meta, history, lastLogged, hasHistory, diagnostics: diags.done(), nonFinite };
}

function reportSchemaIssues(issues: readonly z.core.$ZodIssue[], doc: Record<string, unknown>, loc: Locator, diags: FileDiagnostics): void {
  const seen = new Set<string>();
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const key = jsonPathKey(path);
    if (seen.has(key)) continue;
    seen.add(key);
    const value = valueAt(doc, path);
    const offset = loc.value(path);
    const span = loc.span(path);
    const length = Math.max(1, Math.min(span.end - span.offset, 40));
    if (path[0] === "state" && path.length === 1 && typeof value === "string") {
      diags.at(offset, "error", runMessages.badState(value, didYouMean(value, RUN_STATES)), length);
      continue;
    }
    if (path[0] === "created" && path.length === 1) {
      diags.at(offset, "error", runMessages.badCreated(describeJsonValue(value)), length);
      continue;
    }
    diags.at(offset, "error", runMessages.wrongType(formatPath(path), expectedAt(path), describeJsonValue(value)), length);
  }
}

/** What the schema wants at `path`, in words. */
function expectedAt(path: JsonPath): string {
  if (path[0] === "state") return `one of ${RUN_STATES.map((s) => `"${s}"`).join(", ")}`;
  if (path[0] === "tags" && path.length === 2) return EXPECTED["tags[]"]!;
  if (path[0] === "git" && path.length === 2) return path[1] === "dirty" ? EXPECTED["git.dirty"]! : EXPECTED["git.*"]!;
  return EXPECTED[String(path[0])] ?? "a valid value";
}

/** The value at `path` in a parsed JSON document, or undefined where the path leaves it. */
export function valueAt(doc: unknown, path: JsonPath): unknown {
  let v: unknown = doc;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

/**
 * Config as written, except non-finite numbers (bare NaN/Infinity), which become null. Objects
 * come without a prototype; the recursion is bounded by `MAX_NESTING`, checked while parsing.
 */
function sanitizeConfig(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map(sanitizeConfig);
  if (isPlainObject(v)) {
    const out = ownRecord();
    for (const k of Object.keys(v)) setOwn(out, k, sanitizeConfig(v[k]));
    return out;
  }
  return v;
}

/**
 * Flattens nested summary objects with "/" joins; non-finite numbers and tokens become null.
 * Lists and keys with an empty name are left out and reported through `onSkip`.
 */
export function flattenSummary(
  obj: Record<string, unknown>,
  prefix: string[],
  out: Record<string, SummaryValue>,
  onSkip: (path: string[], problem: "list" | "empty-name") => void,
): void {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const path = [...prefix, key];
    if (key === "") onSkip(path, "empty-name");
    else if (isPlainObject(v)) flattenSummary(v, path, out, onSkip);
    else if (Array.isArray(v)) onSkip(path, "list");
    else setOwn(out, path.join("/"), toSummaryValue(v));
  }
}

export function toSummaryValue(v: unknown): SummaryValue {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string") return isNonFiniteToken(v) ? null : v;
  if (typeof v === "boolean") return v;
  return null;
}

/** `history` in column form (`{"step": [...], "loss": [...]}`) or row form (`[{...}, ...]`). */
function parseHistoryValue(h: unknown, at: JsonPath, loc: Locator, diags: FileDiagnostics): Omit<ParsedHistory, "diagnostics"> {
  if (Array.isArray(h)) return parseHistoryRows(h, at, loc, diags);
  if (isPlainObject(h)) return parseHistoryColumns(h, at, loc, diags);
  diags.at(loc.value(at), "error", runMessages.wrongType(formatPath(at), "a list of row objects or an object of columns", describeJsonValue(h)));
  return { history: null, lastLogged: {}, nonFinite: 0 };
}

function parseHistoryRows(rows: unknown[], at: JsonPath, loc: Locator, diags: FileDiagnostics): Omit<ParsedHistory, "diagnostics"> {
  const builder = new HistoryBuilder();
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isPlainObject(row)) {
      diags.at(loc.value([...at, r]), "error", runMessages.wrongType(formatPath([...at, r]), "an object", describeJsonValue(row)));
      continue;
    }
    for (const key of Object.keys(row)) {
      if (key === "") {
        diags.at(loc.key([...at, r, key]), "warning", runMessages.emptyMetricName(`in \`${formatPath([...at, r])}\``));
        continue;
      }
      const raw = row[key];
      const num = toHistoryNumber(raw);
      if (num === undefined) {
        const msg = (STEP_KEYS as readonly string[]).includes(key) ? runMessages.badStep(key, describeJsonValue(raw)) : runMessages.historyNotNumber(key, describeJsonValue(raw));
        diags.at(loc.value([...at, r, key]), "error", msg);
        continue;
      }
      builder.add(key, num, isLoggedValue(raw));
    }
    builder.endRow();
  }
  const built = builder.finish();
  if (built.stepProblem && built.stepKey) {
    const { row, kind } = built.stepProblem;
    if (kind === "missing") diags.at(loc.value([...at, row]), "error", runMessages.notAStepKey());
    else {
      const raw = (rows[row] as Record<string, unknown>)[built.stepKey];
      diags.at(loc.value([...at, row, built.stepKey]), "error", runMessages.badStep(built.stepKey, describeJsonValue(raw)));
    }
  }
  for (const { key, row } of built.emptyColumns) diags.at(loc.key([...at, row, key]), "warning", runMessages.emptyColumn(key));
  if (built.stepDecrease && built.stepKey && !diags.hasErrors) {
    const { row, from, to } = built.stepDecrease;
    diags.at(loc.value([...at, row, built.stepKey]), "warning", runMessages.stepDecreases(built.stepKey, from, to));
  }
  return { history: diags.hasErrors ? null : built.history, lastLogged: diags.hasErrors ? {} : built.lastLogged, nonFinite: builder.nonFinite };
}

function parseHistoryColumns(cols: Record<string, unknown>, at: JsonPath, loc: Locator, diags: FileDiagnostics): Omit<ParsedHistory, "diagnostics"> {
  const keys = Object.keys(cols);
  const stepKey = STEP_KEYS.find((k) => k in cols) ?? null;
  const timeKey = TIME_KEYS.find((k) => k in cols) ?? null;
  const arrays: [string, unknown[]][] = [];
  for (const key of keys) {
    const v = cols[key];
    if (key === "") {
      diags.at(loc.key([...at, key]), "warning", runMessages.emptyMetricName(`in \`${formatPath(at)}\``));
      continue;
    }
    if (!Array.isArray(v)) {
      diags.at(loc.value([...at, key]), "error", runMessages.wrongType(formatPath([...at, key]), "a list of numbers", describeJsonValue(v)));
      continue;
    }
    arrays.push([key, v]);
  }
  const reference = arrays.find(([k]) => k === stepKey) ?? arrays[0];
  let nonFinite = 0;
  const out = ownRecord<Float64Array>();
  /** Per column, the last logged value (NaN when non-finite); null entries were not logged. */
  const last = ownRecord<number>();
  for (const [key, values] of arrays) {
    if (reference && values.length !== reference[1].length) {
      diags.at(loc.value([...at, key]), "error", runMessages.unequalColumns(key, values.length, reference[0], reference[1].length));
      continue;
    }
    const isStep = key === stepKey;
    const a = new Float64Array(values.length);
    let logged = 0;
    for (let i = 0; i < values.length; i++) {
      const raw = values[i];
      const num = toHistoryNumber(raw);
      if (num === undefined || (isStep && !Number.isFinite(num))) {
        const msg = isStep ? runMessages.badStep(key, describeJsonValue(raw)) : runMessages.historyNotNumber(key, describeJsonValue(raw));
        diags.at(loc.value([...at, key, i]), "error", msg);
        break;
      }
      if (isLoggedValue(raw)) {
        logged++;
        if (num !== num) nonFinite++;
        last[key] = num;
      }
      a[i] = num;
    }
    if (logged === 0 && values.length > 0 && !isStep) diags.at(loc.key([...at, key]), "warning", runMessages.emptyColumn(key));
    out[key] = a;
  }
  if (diags.hasErrors) return { history: null, lastLogged: {}, nonFinite };
  const n = reference ? reference[1].length : 0;
  let step = stepKey ? out[stepKey]! : undefined;
  if (!step) {
    step = new Float64Array(n);
    for (let i = 0; i < n; i++) step[i] = i;
  }
  const decrease = stepKey ? findStepDecrease(step) : null;
  if (decrease && stepKey) diags.at(loc.value([...at, stepKey, decrease.row]), "warning", runMessages.stepDecreases(stepKey, decrease.from, decrease.to));
  const metrics = ownRecord<Float64Array>();
  const lastLogged = ownRecord<number>();
  for (const key of Object.keys(out)) {
    if (key === stepKey || key === timeKey) continue;
    metrics[key] = out[key]!;
    if (key in last) lastLogged[key] = last[key]!;
  }
  return { history: { step, time: timeKey ? out[timeKey]! : null, metrics }, lastLogged, nonFinite };
}
