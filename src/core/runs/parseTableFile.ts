/** A run folder's table file, by extension: `tables/<name>.jsonl` or `tables/<name>.csv`. */
import { FileDiagnostics } from "./FileDiagnostics.ts";
import type { SourceText } from "./runFileTypes.ts";
import type { ParsedTable, TableParseOptions } from "./tableBuilder.ts";
import { TABLE_NAME, tableNameOf } from "./tableData.ts";
import { tableMessages } from "./tableMessages.ts";
import { parseTableCsv } from "./parseTableCsv.ts";
import { parseTableJsonl } from "./parseTableJsonl.ts";

export function parseTableFile(file: SourceText, opts: TableParseOptions = {}): ParsedTable {
  const name = tableNameOf(file.path);
  if (!TABLE_NAME.test(name)) {
    const diags = new FileDiagnostics(file.path, "");
    diags.whole("error", tableMessages.badName(name));
    return { table: null, diagnostics: diags.done() };
  }
  return file.path.toLowerCase().endsWith(".csv") ? parseTableCsv(file, name, opts) : parseTableJsonl(file, name, opts);
}
