/**
 * Keras `CSVLogger` files (`training.log`, or any `*.csv` whose header has an `epoch` column):
 * one row per epoch; the step is the epoch, every other column a metric (`loss`, `val_acc`, …).
 * Each file is one run, named after its folder (or its file name when several share a folder).
 */
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportResult } from "./importedRun.ts";
import { baseName, dirName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { newRun } from "./newRun.ts";
import { readTable, tableRows } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";

function isKerasCandidate(path: string): boolean {
  const base = baseName(path).toLowerCase();
  return base === "training.log" || base.endsWith(".csv");
}

function headerCells(line: string): string[] {
  return line.split(",").map((c) => c.trim().replace(/^"|"$/g, ""));
}

export function detectKeras(paths: readonly string[], head?: (path: string) => string | undefined): boolean {
  return paths.some((p) => {
    if (baseName(p).toLowerCase() === "training.log") return true;
    if (!p.toLowerCase().endsWith(".csv")) return false;
    const first = head?.(p);
    return first !== undefined && headerCells(first)[0] === "epoch" && !headerCells(first).includes("step");
  });
}

export function importKeras(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const candidates = files.filter((f) => isKerasCandidate(f.path));
  const taken = new Set<string>();
  const perDir = new Map<string, number>();
  for (const f of candidates) perDir.set(dirName(f.path), (perDir.get(dirName(f.path)) ?? 0) + 1);
  for (const file of candidates) {
    const text = textOf(file);
    if (text === undefined) continue;
    const dir = dirName(file.path);
    const folder = dir === "" ? (options.rootName ?? options.project) : baseName(dir);
    const stem = baseName(file.path).replace(/\.[^.]*$/, "");
    const slugBase = perDir.get(dir)! > 1 ? `${folder}-${stem}` : folder;
    const scope = out.scope();
    const fd = scope.file(file.path, text);
    const table = readTable(fd);
    if (!table) {
      scope.close();
      continue;
    }
    if (!table.header.includes("epoch")) {
      if (baseName(file.path).toLowerCase() === "training.log") fd.whole("error", importMessages.missingColumn("epoch", table.header));
      else out.skip(file.path, "CSV file", 'no "epoch" column: not a Keras CSVLogger file');
      scope.close();
      continue;
    }
    const run = newRun(uniqueSlug(slugify(slugBase), taken), options.project, [file.path]);
    run.history = tableRows(fd, table, "epoch");
    out.finish(scope, run);
  }
  return out.result();
}

export const kerasImporter: FormatImporter = {
  id: "keras",
  detect: detectKeras,
  wants: isKerasCandidate,
  import: importKeras,
};
