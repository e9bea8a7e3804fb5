import settings from "virtual:runfolio/options";
import { HISTORY_CSV_HEADER, historyCsvChunks } from "../core/export/historyCsv.ts";
import type { LineChartSource } from "../core/report/renderBlock.ts";
import { readHistory } from "../core/runs/loadRuns.ts";
import { chartDataFileOf, chartDataPath } from "../core/site/chartDataFiles.ts";
import { getRuns } from "./runs.ts";
import { href } from "./urls.ts";

/** Per report: the href of each line chart's CSV, the first chart with the same data naming the file. */
export function chartDataHrefs(slug: string): (source: LineChartSource) => string {
  const fileOf = chartDataFileOf();
  return (source) => href(chartDataPath(slug, fileOf(source)));
}

/**
 * The CSV behind `chartDataPath`: the chart's runs and metrics, every logged point, as bytes
 * written piece by piece (a large chart's file would not fit in one string).
 */
export async function chartDataCsv(source: LineChartSource): Promise<Blob> {
  const byId = new Map((await getRuns()).map((r) => [r.id, r]));
  const runs = source.runIds.map((id) => byId.get(id)!).filter(Boolean);
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(`${HISTORY_CSV_HEADER}\n`)];
  for (const run of runs) {
    // one run's history at a time: the parsed histories are cached by the loader anyway
    for (const chunk of historyCsvChunks(run, await readHistory(settings.dataRoot, run), source.metrics)) parts.push(encoder.encode(chunk));
  }
  return new Blob(parts, { type: "text/csv; charset=utf-8" });
}
