/**
 * Test helpers for the importers: the real fixtures are read in place (never copied) from
 * ../shared/fixtures/real, relative to the repository root.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type { ImportedHistory } from "../../src/core/import/importedRun.ts";
import type { ImportFile } from "../../src/core/import/importFile.ts";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const realFixtures = path.resolve(repoRoot, "../shared/fixtures/real");

/** True when the fixture folder exists; warns visibly when it does not (the suite is then skipped). */
export function haveFixture(rel: string): boolean {
  const ok = existsSync(path.join(realFixtures, rel));
  if (!ok) console.warn(`[runfolio] real fixture ${path.join(realFixtures, rel)} is absent: skipping its import tests`);
  return ok;
}

/** Every file under `rel` as text, with paths relative to it. */
export function fixtureFiles(rel: string): ImportFile[] {
  const root = path.join(realFixtures, rel);
  return fg.sync("**/*", { cwd: root, onlyFiles: true, dot: false }).sort().map((p) => ({ path: p, text: readFileSync(path.join(root, p), "utf8") }));
}

/** A metric's logged values in row order (rows where it is not logged left out). */
export function column(history: ImportedHistory | null, metric: string): number[] {
  return (history?.rows ?? []).filter((r) => r.values[metric] !== undefined && r.values[metric] !== null).map((r) => r.values[metric]!);
}

export function steps(history: ImportedHistory | null, metric?: string): number[] {
  return (history?.rows ?? []).filter((r) => metric === undefined || (r.values[metric] !== undefined && r.values[metric] !== null)).map((r) => r.step);
}
