/** A run folder's table files → what the run keeps about each (the rows are read again when shown). */
import type { Diagnostic } from "../diagnostics.ts";
import type { SourceText } from "./runFileTypes.ts";
import { tableInfo, type TableParseOptions } from "./tableBuilder.ts";
import type { RunTableInfo } from "./tableData.ts";
import { tableMessages } from "./tableMessages.ts";
import { parseTableFile } from "./parseTableFile.ts";

export function parseRunTables(files: readonly SourceText[], opts: TableParseOptions): { tables: RunTableInfo[]; diagnostics: Diagnostic[] } {
  const tables: RunTableInfo[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of files) {
    const parsed = parseTableFile(f, opts);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.table) continue;
    const other = tables.find((t) => t.name === parsed.table!.name);
    if (other) {
      diagnostics.push({ file: f.path, line: 1, column: 1, severity: "error", ...tableMessages.sameName(parsed.table.name, other.file) });
      continue;
    }
    tables.push(tableInfo(parsed.table));
  }
  return { tables, diagnostics };
}
