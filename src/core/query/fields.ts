/**
 * The field catalog: which fields a run has, what they are called, and every field of a set of
 * runs. Tables, charts, the explorer, the compare view and did-you-mean hints all list fields from
 * here, so a field one of them offers is a field the others accept.
 *
 * A config leaf is a value that is not a non-empty object: numbers, text, booleans, null, lists
 * and the empty object `{}`. A list is one field as a whole (`config.layers`), as the user wrote
 * it: `config.layers.0` still resolves, but listing every index would flood pickers and hints.
 * `{}` is a leaf because it is a value the user committed and `getField` finds it (`config.kwargs`
 * is `{}`, not missing): a field that resolves must also be listed, or pickers and hints hide it.
 */
import { compareText } from "../format/compareText.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";
import { GIT_KEYS } from "../run.ts";
import type { FieldPath, FieldRoot } from "./ast.ts";

/** Fields every run has, each one value without keys, in the order pickers and compare rows show them. */
export const IDENTITY_FIELDS = ["name", "id", "project", "state", "group", "tags", "created", "duration", "steps", "notes"] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Keys of a run's `git` record; `git.<key>` is a field when some run has that key. */
export { GIT_KEYS };

const PLAIN_KEY = /^[\p{L}\p{N}_/]+$/u;

function formatKey(key: string, root: FieldRoot): string {
  if (PLAIN_KEY.test(key)) return key;
  // Summary lookups join dotted segments back together, so a dotted metric name reads plainly.
  if (root === "summary" && key.split(".").every((part) => PLAIN_KEY.test(part))) return key;
  return "`" + key.replace(/[\\`]/g, (c) => "\\" + c) + "`";
}

/**
 * The canonical text of a path, used as a display label: aliases resolved (`params.lr` →
 * `config.lr`), odd keys backticked. It parses back to an equivalent path.
 */
export function fieldLabel(path: FieldPath): string {
  return [path.root, ...path.keys.map((k) => formatKey(k, path.root))].join(".");
}

/** A column header: the canonical label without its `config.`/`summary.` root. */
export function shortLabel(path: FieldPath): string {
  return fieldLabel(path).replace(/^(config|summary)\./, "");
}

const isTree = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** True when a config value is walked into rather than listed: a non-empty object. */
export function isConfigBranch(value: unknown): value is Record<string, unknown> {
  return isTree(value) && Object.keys(value).length > 0;
}

/** Every config leaf with its key path, depth first in the config's own key order. */
export function configLeaves(config: Record<string, unknown>): { keys: string[]; value: unknown }[] {
  const out: { keys: string[]; value: unknown }[] = [];
  const walk = (tree: Record<string, unknown>, keys: string[]) => {
    for (const [k, value] of Object.entries(tree)) {
      if (isConfigBranch(value)) walk(value, [...keys, k]);
      else out.push({ keys: [...keys, k], value });
    }
  };
  walk(config, []);
  return out;
}

/** The config value at a key path; undefined when this run does not have it. */
export function configValueAt(config: Record<string, unknown>, keys: readonly string[]): unknown {
  let v: unknown = config;
  for (const k of keys) {
    if (!isTree(v) || !Object.hasOwn(v, k)) return undefined;
    v = v[k];
  }
  return v;
}

/** Config leaves keyed by their dot-joined key path (`optimizer.lr`), in an object without a prototype. */
export function flattenConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out = ownRecord();
  for (const { keys, value } of configLeaves(config)) setOwn(out, keys.join("."), value);
  return out;
}

/** The shape of a run the catalog reads. */
export type FieldSource = { config: Record<string, unknown>; summary: Record<string, unknown>; git?: object | null };

/** Fields some of the runs have beyond the identity fields, each list sorted by canonical label. */
export interface RunFieldSet {
  git: FieldPath[];
  config: FieldPath[];
  summary: FieldPath[];
}

/**
 * A run's config leaves or summary metrics as `[label, path]`, worked out once per object: a
 * report asks for the fields of every run once per block (10,000 runs: 0.3 s and 130 MB of
 * garbage a build, for the same labels each time). Run records are not changed once loaded.
 */
const fieldsOfObject = new WeakMap<object, readonly (readonly [string, FieldPath])[]>();

function labelled(tree: Record<string, unknown>, root: "config" | "summary"): readonly (readonly [string, FieldPath])[] {
  let out = fieldsOfObject.get(tree);
  if (!out) {
    const paths = root === "config" ? configLeaves(tree).map(({ keys }): FieldPath => ({ root, keys })) : Object.keys(tree).map((k): FieldPath => ({ root, keys: [k] }));
    out = paths.map((path) => [fieldLabel(path), path] as const);
    fieldsOfObject.set(tree, out);
  }
  return out;
}

/** Every git key, config leaf and summary metric that at least one of the runs has. */
export function fieldsOfRuns(runs: readonly FieldSource[]): RunFieldSet {
  const config = new Map<string, FieldPath>();
  const summary = new Map<string, FieldPath>();
  const add = (into: Map<string, FieldPath>, fields: readonly (readonly [string, FieldPath])[]) => {
    for (const [label, path] of fields) if (!into.has(label)) into.set(label, path);
  };
  for (const run of runs) {
    add(config, labelled(run.config, "config"));
    add(summary, labelled(run.summary, "summary"));
  }
  const sorted = (m: Map<string, FieldPath>) => [...m].sort(([a], [b]) => compareText(a, b)).map(([, p]) => p);
  const git = GIT_KEYS.filter((k) => runs.some((r) => r.git != null && Object.hasOwn(r.git, k))).map((k): FieldPath => ({ root: "git", keys: [k] }));
  return { git, config: sorted(config), summary: sorted(summary) };
}

/** Canonical labels of the identity fields and of every field in `fields` (for did-you-mean). */
export function allFieldLabels(fields: RunFieldSet): string[] {
  return [...IDENTITY_FIELDS, ...[...fields.git, ...fields.config, ...fields.summary].map(fieldLabel)];
}

/** Canonical labels of every field the runs have: identity, git, config, summary. */
export function fieldLabelsOfRuns(runs: readonly FieldSource[]): string[] {
  return allFieldLabels(fieldsOfRuns(runs));
}
