import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from "yaml";
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
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  // An error found at the end of input (an unclosed bracket) is shown on the last written character.
  const lastWritten = Math.max(0, text.trimEnd().length - 1);
  const errors: YamlSyntaxError[] = doc.errors.map((e) => ({
    offset: Math.min(e.pos[0], lastWritten),
    length: Math.max(1, e.pos[1] - e.pos[0]),
    message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
  }));
  let value: unknown;
  if (!errors.length) {
    const read = documentValue(doc, 100);
    if (read.ok) value = read.value;
    else errors.push({ offset: read.offset, length: 1, message: read.message });
  }

  function walk(path: readonly PropertyKey[]): { key?: YamlNode; value?: YamlNode; depth: number } {
    let node: unknown = doc.contents;
    let keyNode: YamlNode | undefined;
    let depth = 0;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
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
