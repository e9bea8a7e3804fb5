/**
 * Node-side reading of a run's histogram and system files when a chart draws them. Parsed data is
 * kept in memory by the SHA-256 of the file's bytes, bounded by size like the history cache, so a
 * report over a lab's runs holds only what recent charts drew.
 */
import path from "node:path";
import { readFileBounded } from "../files/boundedFiles.ts";
import { decodeUtf8 } from "../files/decodeText.ts";
import type { HistogramSeries, RunDataReader, SystemSamples } from "../plots/runData.ts";
import { contentDigest } from "./loadRuns.ts";
import { parseHistogramFile } from "./parseHistogramFile.ts";
import { parseSystemFile } from "./parseSystemFile.ts";
import { WeightedLru } from "../weightedLru.ts";

const MAX_CACHED_BYTES = 64 * 1024 * 1024;
/** Parsed values by digest, each weighing its bytes as `readParsed`'s caller counts them (null: nothing). */
const cache = new WeightedLru<string, { value: HistogramSeries | SystemSamples | null; bytes: number }>(MAX_CACHED_BYTES, (e) => e.bytes);

async function readParsed<T extends HistogramSeries | SystemSamples>(rootDir: string, file: string, parse: (text: string) => T | null, size: (value: T) => number): Promise<T | null> {
  let bytes: Uint8Array;
  try {
    bytes = (await readFileBounded(path.join(rootDir, file))).bytes;
  } catch {
    // Removed since loading: the loader reports it on its next pass.
    return null;
  }
  const digest = contentDigest(bytes);
  const hit = cache.get(digest);
  if (hit) return hit.value as T | null;
  let value: T | null;
  try {
    value = parse(decodeUtf8(bytes));
  } catch {
    value = null;
  }
  cache.set(digest, { value, bytes: value ? size(value) : 0 });
  return value;
}

/** Reads histograms and system samples of runs under `rootDir`. */
export function runDataReader(rootDir: string): RunDataReader {
  return {
    async histograms(run, key) {
      const ref = run.histograms?.find((h) => h.key === key);
      if (!ref) return null;
      return readParsed(rootDir, ref.file, (text) => parseHistogramFile({ path: ref.file, text }).series, (s) => 16 * s.counts.reduce((n, c) => n + c.length, 0));
    },
    async system(run) {
      const ref = run.system;
      if (!ref) return null;
      return readParsed(rootDir, ref.file, (text) => parseSystemFile({ path: ref.file, text }).samples, (s) => 8 * s.time.length * (1 + Object.keys(s.metrics).length));
    },
  };
}
