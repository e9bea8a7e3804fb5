import path from "node:path";
import settings from "virtual:runfolio/options";
import { readFileBounded } from "../core/files/boundedFiles.ts";
import type { Run } from "../core/run.ts";
import { historyDigest, readHistory } from "../core/runs/loadRuns.ts";
import { cachedText } from "../core/cache/cachedText.ts";
import { runData, runIndex } from "../core/explore/runData.ts";
import { encodeRunData } from "../core/explore/runDataWire.ts";
import { stableJson } from "../core/explore/stableJson.ts";
import { explorerIndexFiles } from "../core/explore/explorerIndex.ts";
import { fullRun, getRuns } from "./runs.ts";
import { prepareRunCharts } from "./runCharts.ts";

/** `/data/runs.json`: every run without histories, keys sorted. */
export async function runIndexJson(): Promise<string> {
  return stableJson(runIndex(await getRuns()));
}

const explorerFilesOf = new WeakMap<readonly Run[], ReturnType<typeof explorerIndexFiles>>();

/** The explorer's three files, made once per set of runs. */
async function explorerFiles(): Promise<ReturnType<typeof explorerIndexFiles>> {
  const runs = await getRuns();
  let files = explorerFilesOf.get(runs);
  if (!files) explorerFilesOf.set(runs, (files = explorerIndexFiles(runs)));
  return files;
}

/** `/data/explorer.json`: the compact, columnar index the `/runs/` explorer loads. */
export async function explorerIndexJson(): Promise<string> {
  return stableJson((await explorerFiles()).index);
}

/** `/data/explorer-head.json`: the index of the default view's first page, which the explorer draws first. */
export async function explorerHeadJson(): Promise<string> {
  return stableJson((await explorerFiles()).head);
}

/** `/data/explorer-fields.json`: git, config and the other summary metrics, which the explorer loads after its first render. */
export async function explorerFieldsJson(): Promise<string> {
  return stableJson((await explorerFiles()).fields);
}

/**
 * `/data/runs/<id>.json`: one run with each metric's history downsampled to ~1,000 points,
 * its number columns in the compact form of `runDataWire.ts`, as UTF-8 bytes. The
 * download keeps the run's full text (pages show it clipped, see `clipRunText`).
 */
export async function runDataJson(run: Run): Promise<Uint8Array<ArrayBuffer>> {
  const full = await fullRun(run);
  return cachedText("run-data", await runDataInputs(full), async () => {
    const history = await readHistory(settings.dataRoot, full);
    // The run page's charts are drawn from the same history now, while it is in hand.
    await prepareRunCharts(run, history);
    return stableJson(encodeRunData(runData(full, history)));
  });
}

/**
 * What a run's JSON is made from: its record and its history's digest. A warm build reads the JSON
 * back from the build cache by them instead of reading and downsampling the history again, and
 * skips the route altogether when they did not change (pageCacheKeys.ts).
 */
export async function runDataInputs(full: Run): Promise<string[]> {
  return [stableJson(full), await historyDigest(settings.dataRoot, full)];
}

/**
 * Data-root-relative paths of every run source file, each once, sorted: the files published under
 * `/data/files/`. None unless `copySourceFiles` asks for the copy.
 */
export async function runSourceFiles(): Promise<string[]> {
  if (!settings.copySourceFiles) return [];
  return [...new Set((await getRuns()).flatMap((r) => r.source.files))].sort();
}

export async function readSourceFile(file: string): Promise<Uint8Array<ArrayBuffer>> {
  return (await readFileBounded(path.join(settings.dataRoot, file))).bytes;
}
