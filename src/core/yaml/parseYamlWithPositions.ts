import { isMap, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from "yaml";
import { documentValue } from "./documentValue.ts";

export interface Span {
  /** 0-based offset into the YAML text. */
  offset: number;
  length: number;
}

export interface YamlSyntaxError extends Span {
  message: string;
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

/** Parse YAML keeping node positions so schema errors can point at the line and column. */
export function parseYamlWithPositions(text: string): ParsedYaml {
  // The library's own unique-key check compares each key with every earlier one (quadratic: a
  // block of 20,000 keys took seconds); duplicates are found below with a set per mapping.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  // An error found at the end of input (an unclosed bracket) is shown on the last written character.
  const lastWritten = Math.max(0, text.trimEnd().length - 1);
  const errors: YamlSyntaxError[] = doc.errors.map((e) => ({
    offset: Math.min(e.pos[0], lastWritten),
    length: Math.max(1, e.pos[1] - e.pos[0]),
    message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
  }));
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(id)) seen.add(id);
        else if (pair.key.range) errors.push({ offset: pair.key.range[0], length: Math.max(1, pair.key.range[1] - pair.key.range[0]), message: "Map keys must be unique" });
      }
    },
  });
  errors.sort((a, b) => a.offset - b.offset);
  let value: unknown;
  if (!errors.length) {
    const read = documentValue(doc, 100);
    if (read.ok) value = read.value;
    else errors.push({ offset: read.offset, length: 1, message: read.message });
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
    value,
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
