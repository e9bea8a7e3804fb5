import { isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from "yaml";
import { findTooDeepYaml, yamlProblemMessage, yamlToValue, type YamlLimitProblem } from "./yamlToValue.ts";

export interface Span {
  /** 0-based offset into the YAML text. */
  offset: number;
  length: number;
}

export interface YamlSyntaxError extends Span {
  message: string;
  /**
   * `syntax`: the YAML library's message; `depth`: nesting deeper than `MAX_NESTING`; `aliases`:
   * aliases expanding to more than `MAX_ALIAS_VALUES` values (`alias` names the one that crossed it).
   */
  kind: "syntax" | "depth" | "aliases";
  alias?: string;
}

export interface ParsedYaml {
  value: unknown;
  errors: YamlSyntaxError[];
  /** Where the key (or, failing that, the value) at `path` is written. */
  locateKey(path: readonly PropertyKey[]): Span | undefined;
  /** Where the value at `path` is written; the nearest written ancestor when it is absent. */
  locateValue(path: readonly PropertyKey[]): Span | undefined;
  /** For a single-line scalar value: the offset of its first character of content (inside quotes). */
  scalarContentOffset(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parse YAML keeping node positions so schema errors can point at the line and column. Never
 * throws: every problem, the library's own included, is an error with a position. Mappings are
 * objects without a prototype.
 */
export function parseYamlWithPositions(text: string): ParsedYaml {
  // An error found at the end of input (an unclosed bracket) is shown on the last written character.
  const lastWritten = Math.max(0, text.trimEnd().length - 1);
  const at = (offset: number, message: string, kind: YamlSyntaxError["kind"] = "syntax", length = 1): YamlSyntaxError => ({
    offset: Math.min(Math.max(0, offset), lastWritten),
    length: Math.max(1, length),
    message,
    kind,
  });
  const tooDeep = findTooDeepYaml(text);
  if (tooDeep !== null) return unparsed([limitError({ kind: "depth", offset: tooDeep }, at)]);
  let doc: Document.Parsed;
  try {
    // The library's own unique-key check compares each key with every earlier one (quadratic: a
    // block of 20,000 keys took seconds); duplicates are found below with a set per mapping.
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (e) {
    return unparsed([at(0, firstLine(e))]);
  }
  const errors: YamlSyntaxError[] = doc.errors.map((e) => at(e.pos[0], firstLine(e), "syntax", e.pos[1] - e.pos[0]));
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(id)) seen.add(id);
        else if (pair.key.range) errors.push(at(pair.key.range[0], "Map keys must be unique", "syntax", pair.key.range[1] - pair.key.range[0]));
      }
    },
  });
  errors.sort((a, b) => a.offset - b.offset);
  let value: unknown;
  if (errors.length === 0) {
    try {
      const r = yamlToValue(doc, text);
      if (r.ok) value = r.value;
      else errors.push(limitError(r.problem, at));
    } catch (e) {
      errors.push(at(0, firstLine(e)));
    }
  }

  /** Each mapping's pairs by key text, built on first use: one `find` per lookup is quadratic in a long mapping. */
  const pairsOf = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
  const pairIn = (map: { items: { key: unknown; value: unknown }[] }, seg: PropertyKey): { key: unknown; value: unknown } | undefined => {
    let byKey = pairsOf.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const p of map.items) if (isScalar(p.key) && !byKey.has(String(p.key.value))) byKey.set(String(p.key.value), p);
      pairsOf.set(map, byKey);
    }
    return byKey.get(String(seg));
  };

  function walk(path: readonly PropertyKey[]): { key?: YamlNode; value?: YamlNode; depth: number } {
    let node: unknown = doc.contents;
    let keyNode: YamlNode | undefined;
    let depth = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = pairIn(node, seg);
        if (!pair) break;
        keyNode = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (!item) break;
        keyNode = undefined;
        node = item;
      } else break;
      depth++;
    }
    return { key: keyNode, value: (node as YamlNode | null) ?? undefined, depth };
  }

  const span = (n: YamlNode | undefined): Span | undefined =>
    n?.range ? { offset: n.range[0], length: Math.max(1, n.range[1] - n.range[0]) } : undefined;

  return {
    value: errors.length ? undefined : value,
    errors,
    locateKey(path) {
      const found = walk(path);
      return found.depth === path.length ? (span(found.key) ?? span(found.value)) : span(found.key ?? found.value);
    },
    locateValue(path) {
      const found = walk(path);
      return span(found.value) ?? span(found.key);
    },
    scalarContentOffset(path) {
      const found = walk(path);
      if (found.depth !== path.length || !isScalar(found.value) || !found.value.range) return undefined;
      const start = found.value.range[0];
      const type = found.value.type;
      if (type === "PLAIN") return start;
      if (type === "QUOTE_DOUBLE" || type === "QUOTE_SINGLE") return start + 1;
      return undefined;
    },
  };
}

function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function limitError(p: YamlLimitProblem, at: (offset: number, message: string, kind?: YamlSyntaxError["kind"], length?: number) => YamlSyntaxError): YamlSyntaxError {
  const message = yamlProblemMessage(p);
  if (p.kind === "depth") return at(p.offset, message, "depth");
  const length = p.alias.length + 1;
  return p.kind === "aliases" ? { ...at(p.offset, message, "aliases", length), alias: p.alias } : at(p.offset, message, "syntax", length);
}

/** A result for text that could not be read at all: no value, nothing to locate. */
function unparsed(errors: YamlSyntaxError[]): ParsedYaml {
  return { value: undefined, errors, locateKey: () => undefined, locateValue: () => undefined, scalarContentOffset: () => undefined };
}
