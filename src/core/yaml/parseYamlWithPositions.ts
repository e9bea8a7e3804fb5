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
  const tagged = new Set<number>();
  // The library turns `!!binary`, `!!timestamp`, `!!set`, `!!merge` … into buffers, dates, sets
  // and symbols, and an unknown tag into text with only a warning: neither is what a report's
  // plain data can hold, so a tag beyond the core schema's is an error at it.
  const checkTag = (node: YamlNode): void => {
    if (node.tag === undefined || CORE_TAGS.has(node.tag) || !node.range) return;
    const tag = tagBefore(text, node.range[0]);
    tagged.add(tag.offset);
    errors.push(at(tag.offset, unsupportedTag(node.tag), "syntax", tag.length));
  };
  visit(doc, {
    Scalar(_, node) {
      checkTag(node);
    },
    Seq(_, node) {
      checkTag(node);
    },
    Map(_, map) {
      checkTag(map);
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const id = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (!seen.has(id)) seen.add(id);
        else if (pair.key.range) errors.push(at(pair.key.range[0], "Map keys must be unique", "syntax", pair.key.range[1] - pair.key.range[0]));
      }
    },
  });
  for (const w of doc.warnings) {
    if (w.code !== "TAG_RESOLVE_FAILED" || tagged.has(w.pos[0])) continue;
    const tag = text.slice(w.pos[0], w.pos[1]);
    errors.push(at(w.pos[0], `the value after the YAML tag \`${tag}\` is not of that type; leave the tag out or change the value`, "syntax", w.pos[1] - w.pos[0]));
  }
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

/** The tags of YAML's core schema (plain text, numbers, true/false, null, lists, mappings). */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

function unsupportedTag(tag: string): string {
  const shown = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
  return `YAML tag \`${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}\` is not supported: values are text, numbers, true/false, null, lists and mappings`;
}

/** Where the tag of the node whose value starts at `valueStart` is written: before it, with only space between (a block collection's on the line above). */
function tagBefore(text: string, valueStart: number): Span {
  const from = Math.max(0, valueStart - 1000);
  const found = /!\S*(?=\s*$)/.exec(text.slice(from, valueStart));
  return found ? { offset: from + found.index, length: found[0].length } : { offset: valueStart, length: 1 };
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
