/**
 * Lenient readers for the structured files importers meet: JSON with Python's bare NaN/Infinity,
 * YAML with Python-specific tags read as plain data (never constructed), and CSV/TSV tables of
 * strings. Every problem is a positioned diagnostic in the file's `FileDiagnostics`.
 */
import { isScalar, parseDocument, visit } from "yaml";
import type { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { isNonFiniteToken, parseCsv, parseNumberAt } from "../runs/parseCsv.ts";
import { parseJsonValue } from "../runs/parseJsonWithPositions.ts";
import { MAX_NESTING, ownRecord, setOwn, toOwnRecords } from "../ownRecord.ts";
import { findTooDeepYaml, yamlProblemMessage, yamlToValue } from "../yaml/yamlToValue.ts";
import { importMessages } from "./importMessages.ts";
import { isLfsPointerText } from "./lfsPointer.ts";

/**
 * The parsed JSON value, or undefined after reporting a syntax error or nesting past `MAX_NESTING`.
 * With `exactIntegers` (for settings, where an id or a seed must keep every digit) an integer too
 * large for a double to hold exactly is kept as its digits (text).
 */
export function readJson(fd: FileDiagnostics, options: { exactIntegers?: boolean } = {}): unknown {
  if (isLfsPointer(fd)) return undefined;
  const parsed = parseJsonValue(fd.text);
  if (parsed.ok) return options.exactIntegers && /\d{16}/.test(fd.text) ? withExactIntegers(fd.text, parsed.value) : parsed.value;
  fd.at(parsed.error.offset, "error", parsed.error.kind === "depth" ? importMessages.tooDeep(MAX_NESTING) : importMessages.jsonSyntax(parsed.error.message));
  return undefined;
}

/**
 * True (after reporting it) when the file is a Git LFS pointer: a repository cloned without LFS
 * holds these small text stubs in place of large files, and they would otherwise read as a
 * baffling syntax error or a table with the wrong columns.
 */
export function isLfsPointer(fd: FileDiagnostics): boolean {
  if (!isLfsPointerText(fd.text)) return false;
  fd.whole("error", importMessages.lfsPointer());
  return true;
}

/**
 * `value` with every integer past 2^53 replaced by its digits as written. JSON.parse's reviver sees
 * each number's source text (where the engine supports it); the text with bare NaN, which JSON.parse
 * refuses, keeps the parsed value.
 */
function withExactIntegers(text: string, value: unknown): unknown {
  try {
    return toOwnRecords(
      JSON.parse(text, (_key, v: unknown, context?: { source?: string }) => {
        const source = context?.source;
        return typeof v === "number" && !Number.isSafeInteger(v) && source !== undefined && /^-?\d+$/.test(source) ? source : v;
      }),
      MAX_NESTING,
    ) ?? value;
  } catch {
    return value;
  }
}

/**
 * The parsed YAML value, or undefined after reporting a syntax error. Tags the YAML library does
 * not know (`!!python/tuple`, `!!python/object/apply:…`) leave the node as the sequence or mapping
 * it is written as: a tuple becomes a list, an object its state. `!!binary` becomes a short text.
 * An integer too large for a double to hold exactly is kept as its digits (text).
 */
export function readYaml(fd: FileDiagnostics): unknown {
  if (isLfsPointer(fd)) return undefined;
  const deep = findTooDeepYaml(fd.text);
  if (deep !== null) {
    fd.at(deep, "error", importMessages.tooDeep(MAX_NESTING));
    return undefined;
  }
  // Integers as bigint first, so one past 2^53 (an 18-digit id or seed) can keep its digits.
  const doc = parseDocument(fd.text, { prettyErrors: false, uniqueKeys: false, strict: false, intAsBigInt: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) fd.at(e.pos[0], "error", importMessages.yamlSyntax(e.message.split("\n")[0]!));
    return undefined;
  }
  namePythonReferences(doc);
  const r = yamlToValue(doc, fd.text);
  if (!r.ok) {
    fd.at(r.problem.offset, "error", r.problem.kind === "depth" ? importMessages.tooDeep(MAX_NESTING) : importMessages.yamlSyntax(yamlProblemMessage(r.problem)));
    return undefined;
  }
  return plainData(r.value);
}

/**
 * PyYAML writes a class or function (`activation=nn.ReLU` in Lightning's hparams) as
 * `!!python/name:torch.nn.modules.activation.ReLU ''` and a module as `!!python/module:math ''`:
 * the name is in the tag and the value is empty. The name becomes the value.
 */
function namePythonReferences(doc: ReturnType<typeof parseDocument>): void {
  visit(doc, {
    Scalar(_key, node) {
      const m = /^tag:yaml\.org,2002:python\/(?:name|module):(.+)$/.exec(node.tag ?? "");
      if (m && (node.value === "" || node.value === null)) node.value = m[1]!;
    },
    // A pathlib path (`data_dir=Path("/data/x")`) is written as its parts: it becomes the path.
    Seq(_key, node) {
      const m = /^tag:yaml\.org,2002:python\/object\/apply:pathlib\.(Pure)?(Posix|Windows)?Path$/.exec(node.tag ?? "");
      if (!m || node.items.length === 0 || !node.items.every((i) => isScalar(i) && typeof i.value === "string")) return undefined;
      const parts = node.items.map((i) => String((i as { value: unknown }).value));
      const sep = m[2] === "Windows" ? "\\" : "/";
      const joined = parts.reduce((acc, part) => (acc === "" ? part : acc.endsWith(sep) ? acc + part : acc + sep + part), "");
      const scalar = doc.createNode(joined);
      scalar.range = node.range;
      return scalar;
    },
  });
}

/**
 * A value from `yamlToValue` as plain data: binary as a short text, dates as ISO text, maps as
 * records, sets as lists, bigints as numbers (as their digits past 2^53).
 */
export function plainData(v: unknown): unknown {
  if (v instanceof Uint8Array) return `<binary, ${v.length} bytes>`;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plainData);
  if (v instanceof Map) return plainData(Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), x])));
  if (v instanceof Set) return [...v].map(plainData);
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  if (v !== null && typeof v === "object") {
    // Recursion is bounded: `readYaml` rejected nesting deeper than MAX_NESTING.
    const out = ownRecord();
    for (const [k, x] of Object.entries(v)) setOwn(out, k, plainData(x));
    return out;
  }
  return v;
}

export interface TableRow {
  cells: string[];
  /** Offset of each cell in the text (the opening quote for quoted cells). */
  offsets: number[];
  /** Offset of the row's first character. */
  offset: number;
}

export interface Table {
  header: string[];
  headerOffsets: number[];
  rows: TableRow[];
}

/**
 * A comma-, tab- or semicolon-separated table of strings (RFC 4180 quoting for each), or undefined after reporting a syntax error or an
 * empty file. Blank lines are skipped.
 */
export function readTable(fd: FileDiagnostics, delimiter: "," | "\t" | ";" = ","): Table | undefined {
  if (isLfsPointer(fd)) return undefined;
  const records: TableRow[] = [];
  // Python's csv writers quote a cell holding the delimiter or a quote whatever the delimiter is.
  const parsed = parseCsv(fd.text, delimiter);
  if (parsed.error) {
    const detail = parsed.error.kind === "unterminated-quote" ? "unterminated quoted cell" : "text after a closing quote";
    fd.at(parsed.error.offset, "error", importMessages.csvSyntax(detail));
    return undefined;
  }
  for (const r of parsed.records) records.push({ cells: r.cells.map((c) => c.text), offsets: r.cells.map((c) => c.offset), offset: r.offset });
  const head = records.shift();
  if (!head) {
    fd.whole("error", importMessages.unexpectedShape("the file", "a table with a header row", "an empty file"));
    return undefined;
  }
  return { header: head.cells.map((c) => c.trim()), headerOffsets: head.offsets, rows: records };
}

/**
 * A cell as a history value: null when empty (not logged), ±Infinity / NaN for non-finite tokens
 * (logged), the number otherwise; undefined when the cell is not a number.
 */
export function cellValue(text: string): number | null | undefined {
  const s = text.trim();
  if (s === "") return null;
  if (isNonFiniteToken(s)) return nonFinite(s);
  return parseNumberAt(s, 0, s.length);
}

/** NaN, Infinity or -Infinity for a non-finite token such as `nan`, `-inf`, `Infinity`. */
export function nonFinite(token: string): number {
  const t = token.toLowerCase();
  if (!t.includes("inf")) return NaN;
  return t.startsWith("-") ? -Infinity : Infinity;
}

/**
 * Reads the cells of `table` into history rows: `stepColumn` is the step (row index when absent),
 * every other column except `ignore` is a metric in header order. Reports non-numeric cells,
 * long rows (errors) and short rows (warnings), and steps that go down (warning, rows kept).
 */
export function tableRows(
  fd: FileDiagnostics,
  table: Table,
  stepColumn: string | null,
  ignore: readonly string[] = [],
  /** Cell texts that mean "not logged" in this format (Keras writes `NA`). */
  gapTokens: readonly string[] = [],
): { metrics: string[]; rows: { step: number; time: number | null; values: Record<string, number | null> }[] } {
  const stepIndex = stepColumn === null ? -1 : table.header.indexOf(stepColumn);
  const metricColumns: { name: string; index: number }[] = [];
  const firstOf = new Map<string, number>();
  table.header.forEach((name, index) => {
    if (index === stepIndex || ignore.includes(name) || name === "") return;
    // A history has one column per name: a second one would overwrite the first's values.
    const first = firstOf.get(name);
    if (first !== undefined) {
      fd.at(table.headerOffsets[index]!, "warning", importMessages.duplicateColumn(name, first + 1), name.length);
      return;
    }
    firstOf.set(name, index);
    metricColumns.push({ name, index });
  });
  const width = table.header.length;
  const rows: { step: number; time: number | null; values: Record<string, number | null> }[] = [];
  let previous: number | null = null;
  let warnedDecrease = false;
  table.rows.forEach((row, i) => {
    if (row.cells.length > width) {
      fd.at(row.offsets[width]!, "error", importMessages.tooManyCells(row.cells.length, width));
      return;
    }
    if (row.cells.length < width) fd.at(row.offset, "warning", importMessages.tooFewCells(row.cells.length, width));
    let step = i;
    if (stepIndex >= 0) {
      const cell = row.cells[stepIndex] ?? "";
      const v = cellValue(cell);
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fd.at(row.offsets[stepIndex] ?? row.offset, "error", importMessages.notNumber(stepColumn!, cell));
        return;
      }
      step = v;
    }
    if (previous !== null && step < previous && !warnedDecrease) {
      fd.at(row.offsets[Math.max(0, stepIndex)] ?? row.offset, "warning", importMessages.stepDecreases(previous, step));
      warnedDecrease = true;
    }
    previous = step;
    const values: Record<string, number | null> = ownRecord<number | null>();
    for (const { name, index } of metricColumns) {
      const cell = row.cells[index];
      if (cell === undefined || gapTokens.includes(cell.trim())) continue;
      const v = cellValue(cell);
      if (v === undefined) fd.at(row.offsets[index]!, "error", importMessages.notNumber(name, cell), cell.length);
      else if (v !== null) setOwn(values, name, v);
    }
    rows.push({ step, time: null, values });
  });
  return { metrics: metricColumns.map((c) => c.name), rows };
}
