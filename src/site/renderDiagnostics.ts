import { appendFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../core/diagnostics.ts";

/**
 * Diagnostics found while pages render, carried to the integration, which fails the build on them
 * at `astro:build:done`. Through a file, not module state: Astro builds the pages into a bundle of
 * their own and imports it (a second copy of every module, sharing nothing with the integration's),
 * and an adapter's prerenderer may render in another process altogether. The file lives in the
 * build's cache folder, which already belongs to one build at a time (Astro's content store is
 * there). One line per rendering that found anything: a JSON array of its diagnostics.
 */
export function recordRenderDiagnostics(file: string | null, list: readonly Diagnostic[]): void {
  // Synchronous: the line is complete before the page that found it is written.
  if (file !== null && list.length > 0) appendFileSync(file, `${JSON.stringify(list)}\n`);
}

/** Before pages render: no diagnostics of an earlier build are left over. */
export async function clearRenderDiagnostics(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await rm(file, { force: true });
}

/** After pages rendered: every diagnostic recorded, in the order recorded; the file is removed. */
export async function takeRenderDiagnostics(file: string): Promise<Diagnostic[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  await rm(file, { force: true });
  return text
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((line) => JSON.parse(line) as Diagnostic[]);
}
