/** What every importer's result must satisfy, whatever files it was given. */
import { expect } from "vitest";
import type { ImportResult } from "../../../src/core/import/importedRun.ts";
import type { ImportFile } from "../../../src/core/import/importFile.ts";
import { writeRunFolder } from "../../../src/core/import/writeRunFolder.ts";
import { parseRunFolder } from "../../../src/core/runs/parseRunFolder.ts";
import { expectWellFormed } from "./fuzz.ts";

const SLUG = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * Diagnostics name an input file (or a folder holding one, or the import root `.`) at a position
 * inside it; every imported run has a safe slug, and the run folder written for it loads back
 * without an error: an importer never hands the loader something the loader rejects.
 */
export function expectImportWellFormed(result: ImportResult, files: readonly ImportFile[]): void {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const d of result.diagnostics) {
    const f = byPath.get(d.file);
    if (f?.bytes !== undefined && f.text === undefined) {
      const isText = d.line > 1;
      expectWellFormed([d], isText ? { file: d.file, text: new TextDecoder().decode(f.bytes).replace(/^\ufeff/, "") } : { file: d.file, byteLength: f.bytes.length });
    } else if (f?.text !== undefined) {
      expectWellFormed([d], { file: d.file, text: f.text.replace(/^\ufeff/, "") });
    } else {
      // "--pattern": the log importer places a bad --pattern at its column in the option itself.
      expectWellFormed([d], { file: (name) => name === "." || name === "--pattern" || files.some((x) => x.path === name || x.path.startsWith(`${name}/`)) });
    }
  }
  for (const run of result.runs) {
    expect(run.slug, run.slug).toMatch(SLUG);
    const written = writeRunFolder(run);
    const folder = [{ path: `runs/p/${run.slug}/run.json`, text: written["run.json"] }];
    if (written["history.csv"] !== undefined) folder.push({ path: `runs/p/${run.slug}/history.csv`, text: written["history.csv"] });
    const loaded = parseRunFolder(`p/${run.slug}`, folder);
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    expect(errors, `${run.slug} written by writeRunFolder does not load:\n${JSON.stringify(errors, null, 1)}\n${written["history.csv"]?.slice(0, 300)}`).toEqual([]);
    if (run.history) {
      for (const row of run.history.rows) for (const k of Object.keys(row.values)) expect(run.history.metrics).toContain(k);
    }
  }
}
