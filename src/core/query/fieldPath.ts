/**
 * Field paths: `name`, `config.optimizer.lr`, `params.lr`, `summary.val/loss`, `` summary.`val loss` ``.
 * Shared by expressions and by column/sort specs.
 */
import { didYouMean, editDistance, type Message } from "../diagnostics.ts";
import type { GitInfo, Run } from "../run.ts";
import type { FieldNode, FieldPath, FieldPathResult } from "./ast.ts";
import { fieldLabel, GIT_KEYS, IDENTITY_FIELDS, type IdentityField } from "./fields.ts";
import { exprMessages } from "./messages.ts";
import { describeToken, ExpressionFailure, Lexer, type Token } from "./tokenize.ts";

/** Fields that hold one value and take no keys. */
export const SCALAR_FIELDS = IDENTITY_FIELDS;
type ScalarField = IdentityField;

/** Roots that take keys, with their aliases (MLflow's `params` and `metrics`). */
const KEYED_ROOTS: Record<string, "config" | "summary" | "git"> = {
  config: "config",
  params: "config",
  summary: "summary",
  metrics: "summary",
  git: "git",
};

/** Every name a path may start with, for did-you-mean. */
export const ROOT_NAMES: readonly string[] = [...SCALAR_FIELDS, ...Object.keys(KEYED_ROOTS)];

function isScalarField(name: string): name is ScalarField {
  return (SCALAR_FIELDS as readonly string[]).includes(name);
}

/** True when a path token starts with a field name (used to tell `x = finished` from `x = name`). */
export function isKnownRoot(name: string): boolean {
  return isScalarField(name) || Object.hasOwn(KEYED_ROOTS, name);
}

/** Resolve a path token to a field node, or throw the error that explains why it is not one. */
export function fieldFromToken(token: Extract<Token, { kind: "path" }>): FieldNode {
  const [rootSeg, ...keySegs] = token.segments;
  const name = rootSeg!.value;
  const node = (path: FieldPath): FieldNode => ({ kind: "field", path, text: token.text, start: token.start, end: token.end });

  if (isScalarField(name)) {
    if (keySegs.length > 0) {
      throw new ExpressionFailure(exprMessages.fieldHasNoKeys(name), rootSeg!.end, token.end - rootSeg!.end);
    }
    return node({ root: name, keys: [] });
  }
  const root = Object.hasOwn(KEYED_ROOTS, name) ? KEYED_ROOTS[name] : undefined;
  if (root === undefined) {
    const close = didYouMean(name, ROOT_NAMES);
    // didYouMean allows distance 2 even for one-letter words; a full rewrite (`x` → `id`) is noise.
    const suggestion = close !== undefined && editDistance(name, close) < name.length ? close : undefined;
    const rest = token.text.slice(rootSeg!.end - token.start);
    let hint = suggestion !== undefined ? suggestion + rest : undefined;
    // A bare name is most likely a config key or a metric (`val/loss` surely a metric).
    if (hint === undefined && keySegs.length === 0) hint = name.includes("/") ? `summary.${token.text}` : `config.${token.text} or summary.${token.text}`;
    throw new ExpressionFailure(exprMessages.unknownField(name, hint), rootSeg!.start, rootSeg!.end - rootSeg!.start);
  }
  if (keySegs.length === 0) throw new ExpressionFailure(exprMessages.fieldNeedsKey(name), token.start, token.end - token.start);
  if (root === "git") {
    const key = keySegs[0]!;
    if (!(GIT_KEYS as readonly string[]).includes(key.value)) {
      throw new ExpressionFailure(exprMessages.unknownGitKey(key.value, didYouMean(key.value, GIT_KEYS)), key.start, key.end - key.start);
    }
    if (keySegs.length > 1) {
      throw new ExpressionFailure(exprMessages.fieldHasNoKeys(`git.${key.value}`), key.end, token.end - key.end);
    }
  }
  return node({ root, keys: keySegs.map((s) => s.value) });
}

/** Parse a lone field path, as written in a column or sort spec. */
export function parseFieldPath(source: string): FieldPathResult {
  const lexer = new Lexer(source);
  try {
    const token = lexer.next();
    if (token.kind !== "path") {
      const found = token.kind === "eof" ? "end of input" : describeToken(token);
      return fail(exprMessages.expected("a field such as config.lr or summary.val/loss", found), token.start, token.end - token.start);
    }
    const field = fieldFromToken(token);
    const after = lexer.peek();
    if (after.kind !== "eof") {
      const hint = "quote names containing spaces or other characters with backticks, e.g. summary.`val loss`";
      return fail(exprMessages.expected("end of input", describeToken(after), `'${token.text}'`, hint), after.start, after.end - after.start);
    }
    return { ok: true, path: field.path };
  } catch (e) {
    if (e instanceof ExpressionFailure) return { ok: false, error: e.error };
    throw e;
  }
}

function fail(message: Message, offset: number, length: number): FieldPathResult {
  return { ok: false, error: { ...message, offset, length } };
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

function ownValue(container: Record<string, unknown> | unknown[], key: string): { found: boolean; value?: unknown } {
  if (Array.isArray(container)) {
    if (!/^\d+$/.test(key)) return { found: false };
    const i = Number(key);
    return i < container.length ? { found: true, value: container[i] } : { found: false };
  }
  return Object.hasOwn(container, key) ? { found: true, value: container[key] } : { found: false };
}

/**
 * Walk `keys` from `i` through nested objects. At each level a key may also be several segments
 * joined by dots (a flat key such as `"a.b"`). `shortestFirst` prefers the nested walk (config);
 * otherwise the longest flat key wins (summary, whose metric names contain dots).
 */
function resolveKeys(value: unknown, keys: readonly string[], i: number, shortestFirst: boolean): unknown {
  if (i === keys.length) return value;
  if (!isContainer(value)) return undefined;
  const n = keys.length - i;
  for (let k = 0; k < n; k++) {
    const j = shortestFirst ? i + 1 + k : keys.length - k;
    const own = ownValue(value, keys.slice(i, j).join("."));
    if (!own.found) continue;
    const resolved = resolveKeys(own.value, keys, j, shortestFirst);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

/** The value of `path` in `run`, or `undefined` when the run does not have it (`null` is a value: a gap). */
export function getField(run: Run, path: FieldPath): unknown {
  switch (path.root) {
    case "config":
      return resolveKeys(run.config, path.keys, 0, true);
    case "summary":
      return resolveKeys(run.summary, path.keys, 0, false);
    case "git": {
      const key = path.keys[0] as keyof GitInfo | undefined;
      if (!run.git || key === undefined || !Object.hasOwn(run.git, key)) return undefined;
      return run.git[key];
    }
    default:
      return run[path.root];
  }
}

export { fieldLabel };
