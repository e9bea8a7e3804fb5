/**
 * Keras `CSVLogger` logs, recognised by content whatever the file is called (`training.log`,
 * `history.log`, `log.csv`, …): the first line is `epoch` followed by the logged keys, separated
 * by `,` (or the `separator` the user gave: `\t`, `;`), CRLF or LF. One row per epoch; the step is
 * the epoch, every other column a metric (`loss`, `val_acc`, …). `NA` is what Keras writes for a key
 * that was not logged in an epoch (a stopped run, `validation_freq` > 1): a gap.
 * Each file is one run, named after its folder (`<folder>-<file>` when several share a folder).
 */
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportResult } from "./importedRun.ts";
import { baseName, dirName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { newRun } from "./newRun.ts";
import { readTable, tableRows } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";

const SEPARATORS = [",", "\t", ";"] as const;
type Separator = (typeof SEPARATORS)[number];

/**
 * The separator when `line` is a Keras CSVLogger header: `epoch`, then at least one key, none of
 * them empty or `step` (a step column means Lightning or another logger), no quotes.
 */
export function kerasSeparator(line: string | undefined): Separator | undefined {
  if (line === undefined) return undefined;
  const first = line.replace(/^\uFEFF/, "").replace(/\r$/, "");
  const sep = SEPARATORS.find((s) => first.startsWith(`epoch${s}`));
  if (!sep) return undefined;
  const cells = first.split(sep).map((c) => c.trim());
  if (cells.length < 2 || cells.some((c) => c === "" || /["']/.test(c) || c.length > 200)) return undefined;
  return cells.slice(1).some((c) => c.toLowerCase() === "step" || c === "epoch") ? undefined : sep;
}

/** Names Keras users commonly give the log; read even without a first line to judge by. */
function isKerasName(path: string): boolean {
  const base = baseName(path).toLowerCase();
  return base === "training.log" || base.endsWith(".csv") || base.endsWith(".log");
}

export function detectKeras(paths: readonly string[], head?: (path: string) => string | undefined): boolean {
  return paths.some((p) => (head ? kerasSeparator(head(p)) !== undefined : baseName(p).toLowerCase() === "training.log"));
}

function wants(path: string, head?: (path: string) => string | undefined): boolean {
  return isKerasName(path) || (head !== undefined && kerasSeparator(head(path)) !== undefined);
}

export function importKeras(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const logs: { file: ImportFile; text: string; sep: Separator }[] = [];
  for (const file of files) {
    const text = textOf(file);
    if (text === undefined) {
      out.skip(file.path, "file", "not read: its name and first line are not those of a Keras CSVLogger log (epoch,<metric>,…)");
      continue;
    }
    const first = text.split("\n", 1)[0]!;
    const sep = kerasSeparator(first);
    if (sep) {
      logs.push({ file, text, sep });
      continue;
    }
    if (baseName(file.path).toLowerCase() === "training.log") {
      // The name Keras's docs use: a wrong header there is a broken log, not another file.
      const scope = out.scope();
      const fd = scope.file(file.path, text);
      const table = readTable(fd);
      if (table) fd.at(0, "error", importMessages.missingColumn("epoch", table.header));
      scope.close();
      continue;
    }
    const shown = first.replace(/\r$/, "");
    out.skip(file.path, "file", `first line ${JSON.stringify(shown.length > 60 ? `${shown.slice(0, 60)}…` : shown)} is not a Keras CSVLogger header (epoch,<metric>,…)`);
  }
  const taken = new Set<string>();
  const perDir = new Map<string, number>();
  for (const { file } of logs) perDir.set(dirName(file.path), (perDir.get(dirName(file.path)) ?? 0) + 1);
  const slugBaseOf = (path: string): string => {
    const dir = dirName(path);
    const folder = dir === "" ? (options.rootName ?? options.project) : baseName(dir);
    const stem = baseName(path).replace(/\.[^.]*$/, "");
    return perDir.get(dir)! > 1 ? `${folder}-${stem}` : folder;
  };
  // Logs in folders of the same name (exp1/seed0/, exp2/seed0/) are told apart by their path, as Lightning's versions are.
  const baseCount = new Map<string, number>();
  for (const { file } of logs) baseCount.set(slugify(slugBaseOf(file.path)), (baseCount.get(slugify(slugBaseOf(file.path))) ?? 0) + 1);
  for (const { file, text, sep } of logs) {
    const own = slugBaseOf(file.path);
    const slugBase = baseCount.get(slugify(own))! > 1 && dirName(file.path) !== "" ? `${dirName(dirName(file.path)).replaceAll("/", "-")}-${own}`.replace(/^-/, "") : own;
    const scope = out.scope();
    const fd = scope.file(file.path, text);
    const table = readTable(fd, sep);
    if (!table) {
      scope.close();
      continue;
    }
    const run = newRun(uniqueSlug(slugify(slugBase), taken), options.project, [file.path]);
    // Keras writes a metric that is not one number (a per-class array) as "[a, b, …]".
    const lists = new Map<string, number>();
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        if (i === 0 || !/^"?\[/.test(cell.trim())) return;
        const column = table.header[i] ?? `column ${i + 1}`;
        lists.set(column, (lists.get(column) ?? 0) + 1);
        row.cells[i] = "";
      });
    }
    for (const [column, count] of lists) out.skip(run.slug, `${column} value (${file.path})`, "a list, not one number per epoch: not a history value", count);
    const onlyLists = [...lists.entries()].filter(([, n]) => n === table.rows.length).map(([c]) => c);
    run.history = tableRows(fd, table, "epoch", onlyLists, ["NA"]);
    out.finish(scope, run);
  }
  return out.result();
}

export const kerasImporter: FormatImporter = {
  id: "keras",
  detect: detectKeras,
  wants,
  import: importKeras,
};
