/**
 * Parquet history (`history.parquet`, the columnar form W&B and pandas write): one column per
 * metric plus an optional step and wall-time column, read with hyparquet (pure JavaScript). The
 * rules are the wide CSV's: a null is a gap that was not logged (an empty cell), NaN and ±Infinity
 * are logged gaps, number text is read like a CSV cell, the step must be finite. Positions are
 * row and column: a diagnostic's line is the row (1 = the first row) and its column the column's
 * number; a problem with a whole column is reported at its first offending row.
 */
import { parquetMetadata, parquetRead, parquetSchema, type Compressors, type FileMetaData, type SchemaTree } from "hyparquet";
import type { Diagnostic, Message, Severity } from "../diagnostics.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { STEP_KEYS, TIME_KEYS } from "./HistoryBuilder.ts";
import { assembleHistory, firstIndexOf } from "./historyColumns.ts";
import { runMessages } from "./messages.ts";
import { parseNumberAt } from "./parseCsv.ts";
import type { ParsedHistory } from "./runFileTypes.ts";

/** Most values one history may hold (rows × columns): 512 MiB of doubles, the bound a .gz history has too. A tiny file can claim any row count, and each column is allocated before it is read. */
export const MAX_PARQUET_VALUES = 64 * 1024 * 1024;

const DISPLAY_LIMIT = 40;

interface ColumnState {
  name: string;
  values: Float64Array | null;
  logged: number;
  last: number | undefined;
  /** Set once the column had a value that is not a number: the rest of it is not read. */
  failed: boolean;
}

/** `compressors`: page codecs beyond hyparquet's own Snappy (the Node loader adds gzip, Brotli, zstd). */
export async function parseHistoryParquet(file: string, bytes: Uint8Array, compressors: Compressors = {}): Promise<ParsedHistory> {
  const diags = new FileDiagnostics(file, "");
  const at = (row: number, column: number, severity: Severity, m: Message): void => {
    const d: Diagnostic = { file, line: row, column, severity, code: m.code, message: m.message };
    if (m.hint !== undefined) d.hint = m.hint;
    diags.add(d);
  };
  const failed = (): ParsedHistory => ({ history: null, lastLogged: {}, diagnostics: diags.done(), nonFinite: 0 });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

  let metadata: FileMetaData;
  let leaves: SchemaTree[];
  try {
    metadata = parquetMetadata(buffer);
    leaves = parquetSchema(metadata).children;
  } catch (e) {
    diags.whole("error", runMessages.parquetUnreadable(reason(e)));
    return failed();
  }
  const rows = Number(metadata.num_rows);
  if (leaves.length === 0) {
    diags.whole("error", runMessages.emptyHistoryFile());
    return failed();
  }
  if (rows * leaves.length > MAX_PARQUET_VALUES) {
    diags.whole("error", runMessages.compactTooLarge(`the file holds ${rows} rows × ${leaves.length} columns`, `${MAX_PARQUET_VALUES.toLocaleString("en-US")} values`));
    return failed();
  }

  const seen = new Map<string, number>();
  const columns: ColumnState[] = leaves.map((leaf, k) => {
    const name = leaf.element.name;
    const state: ColumnState = { name, values: null, logged: 0, last: undefined, failed: false };
    if (name === "") {
      at(1, k + 1, "warning", runMessages.unnamedColumn(k + 1));
      return state;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      at(1, k + 1, "error", runMessages.duplicateColumn(name, first + 1));
      return state;
    }
    seen.set(name, k);
    if (leaf.children.length > 0) {
      at(1, k + 1, "error", runMessages.parquetColumnType(name, "nested values (a struct, list or map)"));
      return state;
    }
    state.values = new Float64Array(rows).fill(NaN);
    return state;
  });
  const names = columns.map((c) => c.name);
  const stepCol = firstIndexOf(names, STEP_KEYS);
  const timeCol = firstIndexOf(names, TIME_KEYS);
  const index = new Map(columns.map((c, k) => [c.name, k]));
  let nonFinite = 0;

  const take = (k: number, rowStart: number, data: ArrayLike<unknown>): void => {
    const col = columns[k]!;
    const target = col.values;
    if (!target || col.failed) return;
    const isStep = k === stepCol;
    // A required float or int column arrives as a typed array: no nulls, no text, one tight loop.
    if (!isStep && (data instanceof Float64Array || data instanceof Float32Array || data instanceof Int32Array)) {
      const n = Math.min(data.length, rows - rowStart);
      for (let i = 0; i < n; i++) {
        let v = data[i]!;
        if (v - v !== 0) {
          v = NaN;
          nonFinite++;
        }
        target[rowStart + i] = v;
      }
      if (n > 0) {
        col.logged += n;
        col.last = target[rowStart + n - 1];
      }
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const row = rowStart + i;
      if (row >= rows) break;
      const raw = data[i];
      let v: number;
      if (typeof raw === "number") v = raw;
      else if (raw === null || raw === undefined || raw === "") {
        if (isStep) at(row + 1, k + 1, "error", runMessages.badStep(col.name, "a null value"));
        continue;
      } else if (typeof raw === "bigint") v = Number(raw);
      else if (typeof raw === "string") {
        const parsed = parseNumberAt(raw, 0, raw.length);
        if (parsed === undefined) {
          const found = raw.length > DISPLAY_LIMIT ? `${raw.slice(0, DISPLAY_LIMIT - 3)}...` : raw;
          at(row + 1, k + 1, "error", isStep ? runMessages.badStep(col.name, `"${found}"`) : runMessages.csvNotNumber(col.name, found));
          continue;
        }
        v = parsed;
      } else {
        at(row + 1, k + 1, "error", runMessages.parquetColumnType(col.name, describe(raw)));
        col.failed = true;
        return;
      }
      col.logged++;
      if (!Number.isFinite(v)) {
        if (isStep) {
          at(row + 1, k + 1, "error", runMessages.badStep(col.name, String(v)));
          continue;
        }
        v = NaN;
        nonFinite++;
      }
      target[row] = v;
      col.last = v;
    }
  };

  try {
    await parquetRead({
      file: buffer,
      columns: columns.filter((c) => c.values).map((c) => c.name),
      utf8: true,
      compressors,
      onChunk: (chunk) => take(index.get(chunk.columnName)!, chunk.rowStart, chunk.columnData as ArrayLike<unknown>),
    });
  } catch (e) {
    diags.whole("error", runMessages.parquetUnreadable(reason(e)));
    return failed();
  }

  for (let k = 0; k < columns.length; k++) {
    const c = columns[k]!;
    if (c.values && !c.failed && k !== stepCol && c.logged === 0 && rows > 0) at(1, k + 1, "warning", runMessages.emptyColumn(c.name));
  }
  if (stepCol >= 0 && !diags.hasErrors) {
    const step = columns[stepCol]!.values!;
    for (let r = 1; r < rows; r++) {
      if (step[r]! < step[r - 1]!) {
        at(r + 1, stepCol + 1, "warning", runMessages.stepDecreases(names[stepCol]!, step[r - 1]!, step[r]!));
        break;
      }
    }
  }
  if (diags.hasErrors) return { history: null, lastLogged: {}, diagnostics: diags.done(), nonFinite };
  const { history, lastLogged } = assembleHistory({
    names,
    columns: columns.map((c) => c.values),
    stepCol,
    timeCol,
    rows,
    last: columns.map((c) => c.last),
  });
  return { history, lastLogged, diagnostics: diags.done(), nonFinite };
}

function reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/^parquet /, "");
}

function describe(v: unknown): string {
  if (typeof v === "boolean") return "true/false values";
  if (v instanceof Date) return "dates or timestamps";
  if (v instanceof Uint8Array) return "binary values";
  if (Array.isArray(v)) return "lists";
  return `${typeof v} values`;
}
