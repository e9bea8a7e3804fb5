/**
 * A run's table, read when a block or a run page shows it: the run keeps only what its tables are
 * (`Run.tables`), never their rows, so a build of thousands of runs holds the rows of the tables
 * being shown. Parsed tables are cached by the SHA-256 of their bytes, up to a number of cells.
 * Node-only.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { readFileBounded } from "../files/boundedFiles.ts";
import { decodeUtf8 } from "../files/decodeText.ts";
import type { Run } from "../run.ts";
import type { TableData } from "./tableData.ts";
import { parseTableFile } from "./parseTableFile.ts";
import { WeightedLru } from "../weightedLru.ts";

/** Cells kept in memory at once (about 100 bytes each): tables past it are read again when shown again. */
const MAX_CACHED_CELLS = 4_000_000;
// On globalThis so that two copies of this module (Vite SSR and the content layer) share a cache.
const CACHE_KEY = Symbol.for("runfolio.tables.cache");

function cache(): WeightedLru<string, TableData> {
  const g = globalThis as unknown as Record<symbol, WeightedLru<string, TableData> | undefined>;
  return (g[CACHE_KEY] ??= new WeightedLru(MAX_CACHED_CELLS, (t) => t.rows.length * Math.max(1, t.columns.length)));
}

/** Empties the cache (tests). */
export function clearTableCache(): void {
  cache().clear();
}

/**
 * The rows of `run`'s table `name`. Throws when the run has no such table, or when the file changed
 * since loading and no longer parses (the loader reports its diagnostics).
 */
export async function readRunTable(rootDir: string, run: Run, name: string): Promise<TableData> {
  const info = run.tables?.find((t) => t.name === name);
  if (!info) throw new Error(`run ${run.id} has no table ${name}`);
  const { bytes } = await readFileBounded(path.join(rootDir, info.file));
  const key = `${info.file}\u0000${createHash("sha256").update(bytes).digest("hex")}`;
  const hit = cache().get(key);
  if (hit) return hit;
  const parsed = parseTableFile({ path: info.file, text: decodeUtf8(bytes) });
  if (!parsed.table) {
    const first = parsed.diagnostics.find((d) => d.severity === "error");
    throw new Error(`cannot read table ${name} of run ${run.id}: ${first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : info.file}`);
  }
  cache().set(key, parsed.table);
  return parsed.table;
}
