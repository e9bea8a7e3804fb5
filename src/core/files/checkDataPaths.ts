/**
 * Name checks over the files found under one folder of the data root: every path segment must be
 * publishable (`nameProblem`), and no two paths may be one file on a case- or
 * normalization-insensitive file system. Pure. A bad segment is reported once, on the shortest path
 * that has it (a folder's name, not each file under it), and its files are left out.
 */
import { compareText } from "../format/compareText.ts";
import type { Diagnostic, Message } from "../diagnostics.ts";
import { fileMessages } from "./fileMessages.ts";
import { diagnosticAt } from "./fileDiagnostics.ts";
import { howNamesCollide, nameKey, nameProblem, visibleName } from "./fileNames.ts";

export function checkDataPaths(paths: readonly string[], wrap: (m: Message) => Message = (m) => m): { paths: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const kept: string[] = [];
  for (const file of paths) {
    const parts = file.split("/");
    let bad = false;
    // The first segment is the data root's own folder (`runs`, `reports`).
    for (let i = 1; i < parts.length && !bad; i++) {
      const reason = nameProblem(parts[i]!);
      if (reason === null) continue;
      bad = true;
      const prefix = parts.slice(0, i + 1).join("/");
      if (!reported.has(prefix)) {
        reported.add(prefix);
        diagnostics.push(diagnosticAt(visibleName(prefix), 1, 1, "error", wrap(fileMessages.badName(visibleName(parts[i]!), reason))));
      }
    }
    if (!bad) kept.push(file);
  }

  // Siblings collide: names in one folder whose keys match. Files under two colliding folders are
  // covered by the folders' own diagnostic.
  const firstByKey = new Map<string, string>();
  for (const file of [...kept].sort(compareText)) {
    const parts = file.split("/");
    for (let i = 2; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      const key = `${parts.slice(0, i - 1).join("/")}/${nameKey(parts[i - 1]!)}`;
      const first = firstByKey.get(key);
      if (first === undefined) firstByKey.set(key, prefix);
      else if (first !== prefix && !reported.has(prefix)) {
        reported.add(prefix);
        diagnostics.push(diagnosticAt(prefix, 1, 1, "error", wrap(fileMessages.nameCollision(prefix, first, howNamesCollide(prefix, first)))));
      }
    }
  }
  return { paths: kept, diagnostics };
}
