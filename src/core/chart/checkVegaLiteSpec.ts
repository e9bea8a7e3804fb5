import { parseExpression } from "vega";

/**
 * What Runfolio refuses in a raw vega-lite spec beyond vega-lite's schema, found before anything
 * compiles or runs, each with the spec path of the offending value:
 * - regular expressions in expressions (`regexp(…)`, `/…/`, and the functions that take one):
 *   vega runs them with the JavaScript engine, which backtracks, so `test(/(a+)+$/, datum.name)`
 *   could hang the build and freeze the reader's browser;
 * - object internals (`constructor`, `__proto__`, `prototype`, …): nothing a chart needs, and the
 *   first step of every escape from an expression sandbox;
 * - specs too large to be a chart: more than {@link MAX_SPEC_CHARS} characters of JSON, nested
 *   deeper than {@link MAX_DEPTH}, or a generated sequence of more than {@link MAX_SEQUENCE} values.
 */
export type SpecProblem =
  | { kind: "regex"; path: (string | number)[]; construct: string }
  | { kind: "internal"; path: (string | number)[]; name: string }
  | { kind: "tooLarge"; path: (string | number)[]; what: string }
  | { kind: "syntax"; path: (string | number)[]; detail: string };

export const MAX_SPEC_CHARS = 200_000;
export const MAX_DEPTH = 40;
export const MAX_SEQUENCE = 100_000;

/** Spec keys whose string value vega-lite evaluates as an expression. */
const EXPRESSION_KEYS = new Set(["calculate", "filter", "expr", "test", "update"]);
const INTERNALS = new Set(["constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"]);

/** A string of the spec that vega evaluates, with where it is. */
export interface SpecExpression {
  path: (string | number)[];
  source: string;
}

export function checkVegaLiteSpec(spec: Record<string, unknown>): SpecProblem | null {
  const deep = tooDeep(spec, [], 0);
  if (deep) return { kind: "tooLarge", path: deep, what: `it nests more than ${MAX_DEPTH} levels deep` };
  const size = JSON.stringify(spec).length;
  if (size > MAX_SPEC_CHARS) return { kind: "tooLarge", path: [], what: `its JSON is ${size} characters, more than ${MAX_SPEC_CHARS}` };
  const sequence = hugeSequence(spec, []);
  if (sequence) {
    const count = Number.isFinite(sequence.count) ? String(sequence.count) : "unboundedly many";
    return { kind: "tooLarge", path: sequence.path, what: `it generates ${count} values, more than ${MAX_SEQUENCE}` };
  }
  for (const e of specExpressions(spec)) {
    const ast = parseOrError(e.source);
    if ("error" in ast) return { kind: "syntax", path: e.path, detail: `expression ${JSON.stringify(e.source)}: ${ast.error}` };
    const found = forbiddenIn(ast.node, e.path);
    if (found) return found;
  }
  return null;
}

/** Every expression string in the spec, in document order. */
export function specExpressions(spec: unknown): SpecExpression[] {
  const out: SpecExpression[] = [];
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (EXPRESSION_KEYS.has(k) && typeof child === "string") out.push({ path: [...path, k], source: child });
        // `usermeta` is free-form data that vega never evaluates.
        else if (k !== "usermeta") visit(child, [...path, k]);
      }
    }
  };
  visit(spec, []);
  return out;
}

/**
 * The expression a vega error message is about (`Unrecognized function: eval`, `Expression parse
 * error: 1 +`), so the error can point at it instead of at the block.
 */
export function expressionForError(spec: unknown, message: string): SpecExpression | undefined {
  const all = specExpressions(spec);
  const parseError = /^Expression parse error: ([\s\S]*)$/.exec(message);
  if (parseError) return all.find((e) => e.source === parseError[1]);
  const fn = /^Unrecognized function: (.+)$/.exec(message);
  const signal = /^Unrecognized signal name: "(.+)"$/.exec(message);
  const callee = /^Illegal callee type: (\w+)$/.exec(message);
  return all.find((e) => {
    const ast = tryParse(e.source);
    if (!ast) return false;
    let hit = false;
    walk(ast, (node, parent) => {
      if (fn && node.type === "CallExpression" && node.callee?.type === "Identifier" && node.callee.name === fn[1]) hit = true;
      if (callee && node.type === "CallExpression" && node.callee?.type === callee[1]) hit = true;
      const isProperty = parent?.type === "MemberExpression" && parent.property === node && !parent.computed;
      if (signal && node.type === "Identifier" && node.name === signal[1] && !isProperty) hit = true;
    });
    return hit;
  });
}

interface AstNode {
  type: string;
  name?: string;
  value?: unknown;
  regex?: unknown;
  computed?: boolean;
  callee?: AstNode;
  property?: AstNode;
  [key: string]: unknown;
}

/** Functions of vega's expression language that take a regular expression. */
const REGEX_FUNCTIONS = new Set(["regexp", "test"]);

function forbiddenIn(ast: AstNode, path: (string | number)[]): SpecProblem | null {
  let found: SpecProblem | null = null;
  walk(ast, (node) => {
    if (found) return;
    if (node.type === "Literal" && node.regex) found = { kind: "regex", path, construct: `the regular expression literal ${String(node.value)}` };
    else if (node.type === "CallExpression" && node.callee?.type === "Identifier" && REGEX_FUNCTIONS.has(node.callee.name!)) {
      found = { kind: "regex", path, construct: `${node.callee.name}(…)` };
    } else if (node.type === "MemberExpression") {
      const p = node.property!;
      const name = !node.computed && p.type === "Identifier" ? p.name : node.computed && p.type === "Literal" && typeof p.value === "string" ? p.value : undefined;
      if (name !== undefined && INTERNALS.has(name)) found = { kind: "internal", path, name };
    } else if (node.type === "Identifier" && INTERNALS.has(node.name!)) found = { kind: "internal", path, name: node.name! };
  });
  return found;
}

function parseOrError(source: string): { node: AstNode } | { error: string } {
  try {
    return { node: parseExpression(source) as unknown as AstNode };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function tryParse(source: string): AstNode | null {
  const parsed = parseOrError(source);
  return "node" in parsed ? parsed.node : null;
}

function walk(node: AstNode, visit: (node: AstNode, parent: AstNode | undefined) => void, parent?: AstNode): void {
  visit(node, parent);
  for (const [key, child] of Object.entries(node)) {
    if (key === "parent") continue;
    if (Array.isArray(child)) for (const c of child) if (c && typeof c === "object" && "type" in c) walk(c as AstNode, visit, node);
    if (child && typeof child === "object" && "type" in child) walk(child as AstNode, visit, node);
  }
}

function tooDeep(v: unknown, path: (string | number)[], depth: number): (string | number)[] | null {
  if (!v || typeof v !== "object") return null;
  if (depth >= MAX_DEPTH) return path;
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  for (const [k, child] of entries) {
    const found = tooDeep(child, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A `sequence` generator or an impute `keyvals` range that would make too many values. */
function hugeSequence(v: unknown, path: (string | number)[]): { path: (string | number)[]; count: number } | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const found = hugeSequence(v[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (!v || typeof v !== "object") return null;
  for (const [k, child] of Object.entries(v)) {
    if ((k === "sequence" || k === "keyvals") && child && typeof child === "object" && !Array.isArray(child)) {
      const { start, stop, step } = child as { start?: unknown; stop?: unknown; step?: unknown };
      if (typeof start === "number" && typeof stop === "number") {
        const by = typeof step === "number" && step !== 0 ? Math.abs(step) : 1;
        const count = Math.ceil(Math.abs(stop - start) / by);
        if (!(count <= MAX_SEQUENCE)) return { path: [...path, k], count };
      }
    }
    const found = hugeSequence(child, [...path, k]);
    if (found) return found;
  }
  return null;
}
