/**
 * A parsed YAML document → plain data, without recursion: mappings become objects without a
 * prototype (so `__proto__` is an ordinary key), and the two resource limits a file could abuse —
 * nesting depth and values reached through aliases — are checked with the position of the node
 * that crosses them, instead of a stack overflow or the YAML library's "Excessive alias count".
 */
import { Lexer, Parser, isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type ParsedNode } from "yaml";
import { MAX_NESTING, ownRecord } from "../ownRecord.ts";

/** How many values aliases may add in one document; real reports use a handful. */
export const MAX_ALIAS_VALUES = 10_000;

export type YamlLimitProblem =
  | { kind: "depth"; offset: number }
  | { kind: "aliases"; offset: number; alias: string }
  | { kind: "alias-loop"; offset: number; alias: string }
  | { kind: "unknown-alias"; offset: number; alias: string };

interface Built {
  value: unknown;
  /** Nesting levels below and including this value (0 for a scalar). */
  height: number;
  /** Values in this value once aliases are expanded (1 for a scalar). */
  size: number;
}

interface Frame {
  node: YamlNode;
  items: unknown[];
  out: Record<string, unknown> | unknown[];
  i: number;
  depth: number;
  height: number;
  size: number;
  /** Key the value being built goes under (mappings). */
  key: string;
}

/**
 * The offset of the first collection nested deeper than `MAX_NESTING`, from the YAML library's
 * concrete syntax tree (built without recursion), or null. Checked before the document is
 * composed, because composing recurses once per level.
 */
export function findTooDeepYaml(text: string): number | null {
  // Brackets nest cheaply (a few bytes a level) and the syntax tree costs time per level: a
  // deep flow collection is cut at its first too-deep bracket, whose prefix holds the answer.
  const cut = tooDeepBracket(text);
  const found = tooDeepInTree(cut === null ? text : text.slice(0, cut + 1));
  return found ?? cut;
}

/** Control tokens of the YAML lexer that stand for no source text. */
const LEXER_MARKS = new Set(["\u0002", "\u0018", "\u001f"]);

/** The offset of the first flow bracket more than `MAX_NESTING` brackets deep, or null. */
function tooDeepBracket(text: string): number | null {
  let offset = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      if (++depth > MAX_NESTING) return offset;
    } else if (token === "]" || token === "}") depth = Math.max(0, depth - 1);
    if (!LEXER_MARKS.has(token)) offset += token.length;
  }
  return null;
}

function tooDeepInTree(text: string): number | null {
  const stack: { token: unknown; depth: number }[] = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token === null || typeof token !== "object") continue;
    const t = token as { type?: string; offset?: number; value?: unknown; items?: { key?: unknown; value?: unknown }[] };
    const isCollection = t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection";
    const level = isCollection ? depth + 1 : depth;
    if (level > MAX_NESTING) return t.offset ?? 0;
    if (t.type === "document") stack.push({ token: t.value, depth: level });
    if (isCollection && t.items) {
      for (let k = t.items.length - 1; k >= 0; k--) {
        stack.push({ token: t.items[k]!.value, depth: level });
        stack.push({ token: t.items[k]!.key, depth: level });
      }
    }
  }
  return null;
}

/** The document's value, or the first limit it crosses. `text` is the source, for complex keys. */
export function yamlToValue(doc: Document.Parsed, text: string): { ok: true; value: unknown } | { ok: false; problem: YamlLimitProblem } {
  const anchors = new Map<string, Built>();
  const open = new Set<string>();
  let aliasValues = 0;
  const stack: Frame[] = [];
  let result: Built | undefined;
  let problem: YamlLimitProblem | undefined;

  const offsetOf = (node: unknown): number => ((node as YamlNode | null)?.range?.[0] ?? 0);
  const keyText = (key: unknown): string => {
    if (key === null || key === undefined) return "";
    if (isScalar(key)) return key.value === null || key.value === undefined ? "" : String(key.value);
    const range = (key as YamlNode).range;
    return range ? text.slice(range[0], range[1]).trim() : "";
  };

  /** A finished value for `node`, or undefined after pushing a frame (or recording a problem). */
  const enter = (node: unknown, depth: number, key: string): Built | undefined => {
    if (node === null || node === undefined) return { value: null, height: 0, size: 1 };
    if (isAlias(node)) {
      const name = node.source;
      if (open.has(name)) problem = { kind: "alias-loop", offset: offsetOf(node), alias: name };
      else {
        const target = anchors.get(name);
        if (!target) problem = { kind: "unknown-alias", offset: offsetOf(node), alias: name };
        else if (depth - 1 + target.height > MAX_NESTING) problem = { kind: "depth", offset: offsetOf(node) };
        else if ((aliasValues += target.size) > MAX_ALIAS_VALUES) problem = { kind: "aliases", offset: offsetOf(node), alias: name };
        else return target;
      }
      return undefined;
    }
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_NESTING) {
        problem = { kind: "depth", offset: offsetOf(node) };
        return undefined;
      }
      if (node.anchor) open.add(node.anchor);
      stack.push({ node, items: node.items, out: isMap(node) ? ownRecord() : [], i: 0, depth, height: 1, size: 1, key });
      return undefined;
    }
    const built: Built = { value: isScalar(node) ? node.value : null, height: 0, size: 1 };
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, built);
    return built;
  };

  const deliver = (built: Built, key: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      result = built;
      return;
    }
    if (Array.isArray(parent.out)) parent.out.push(built.value);
    else parent.out[key] = built.value;
    parent.height = Math.max(parent.height, built.height + 1);
    parent.size += built.size;
  };

  const first = enter(doc.contents as ParsedNode | null, 1, "");
  if (first) deliver(first, "");
  while (stack.length > 0 && !problem) {
    const frame = stack[stack.length - 1]!;
    if (frame.i >= frame.items.length) {
      stack.pop();
      const built: Built = { value: frame.out, height: frame.height, size: frame.size };
      const anchor = frame.node.anchor;
      if (anchor) {
        open.delete(anchor);
        anchors.set(anchor, built);
      }
      deliver(built, frame.key);
      continue;
    }
    const item = frame.items[frame.i++];
    let child: unknown = item;
    let key = "";
    if (isMap(frame.node)) {
      const pair = item as { key: unknown; value: unknown };
      key = keyText(pair.key);
      child = pair.value;
    }
    const built = enter(child, frame.depth + 1, key);
    if (built) deliver(built, key);
  }
  if (problem) return { ok: false, problem };
  return { ok: true, value: result?.value ?? null };
}

/** A problem from `yamlToValue` or `findTooDeepYaml` in words. */
export function yamlProblemMessage(p: YamlLimitProblem): string {
  switch (p.kind) {
    case "depth":
      return `value nested more than ${MAX_NESTING} levels deep`;
    case "aliases":
      return `aliases expand to more than ${MAX_ALIAS_VALUES} values at \`*${p.alias}\``;
    case "alias-loop":
      return `alias \`*${p.alias}\` refers to the value that contains it`;
    case "unknown-alias":
      return `alias \`*${p.alias}\` has no anchor \`&${p.alias}\` before it`;
  }
}
