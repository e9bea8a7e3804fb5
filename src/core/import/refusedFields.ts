/**
 * An importer can read a value that run.json may not hold: W&B logs a negative `_runtime`, a
 * run's events go back in time by the clock. Written as it is, the loader refuses the whole run. Each such field is checked by the loader's own rules (parseRunJson) and
 * left out of run.json with a warning that names the value; a run that still would not load is
 * reported as an error and not written.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { parseRunJson } from "../runs/parseRunJson.ts";
import type { ImportedRun } from "./importedRun.ts";
import { importMessages } from "./importMessages.ts";
import { writeRunFolder } from "./writeRunFolder.ts";

/** The fields of run.json an imported run may go without. */
const OPTIONAL_FIELDS = ["group", "created", "duration", "notes", "git"] as const;

/** The runs that load back, each with its refused fields left out; `diagnostics` gets a line for each. */
export function leaveOutRefusedFields(runs: readonly ImportedRun[], diagnostics: Diagnostic[]): ImportedRun[] {
  const kept: ImportedRun[] = [];
  for (const run of runs) {
    const where = { file: run.sources[0] ?? ".", line: 1, column: 1 };
    for (const field of OPTIONAL_FIELDS) {
      const value = run[field];
      if (value === null) continue;
      const refused = loaderErrors({ name: "x", [field]: value });
      if (refused.length === 0) continue;
      diagnostics.push({ ...where, severity: "warning", ...importMessages.refusedField(run.slug, field, refused[0]!.message) });
      run[field] = null;
    }
    const left = loaderErrors(JSON.parse(writeRunFolder(run)["run.json"]) as Record<string, unknown>);
    if (left.length === 0) kept.push(run);
    else for (const d of left) diagnostics.push({ ...where, severity: "error", ...importMessages.runWouldNotLoad(run.slug, d.message) });
  }
  return kept;
}

function loaderErrors(doc: Record<string, unknown>): Diagnostic[] {
  return parseRunJson({ path: "run.json", text: JSON.stringify(doc) }).diagnostics.filter((d) => d.severity === "error");
}
