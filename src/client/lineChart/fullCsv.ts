/**
 * "Every logged point" of a line chart as one CSV, built in the page from each run's published
 * JSON (`/data/runs/<id>.json`), which every chart, the run page and the compare page share: the
 * build writes no CSV per chart. The build offers this only when those files hold every point the
 * chart's runs logged (see `exactPoints`); rows are `historyCsv`'s, byte for byte.
 */
import { HISTORY_CSV_HEADER, runDataCsvChunks } from "../../core/export/historyCsv.ts";
import type { RunData } from "../../core/explore/runData.ts";
import { decodeRunData } from "../../core/explore/runDataWire.ts";
import { runDataPath } from "../../core/paths/runPath.ts";

/** Requests in flight at once: enough to fill the connection, few enough to keep memory flat. */
const BATCH = 6;

/** The runs and metrics the chart's payload names for the download (`renderLineChart`). */
function readFullSpec(figure: HTMLElement): { runs: string[]; metrics: string[] } {
  const script = figure.querySelector<HTMLScriptElement>(':scope > script[type="application/json"]');
  const full = (JSON.parse(script?.textContent || "null") as { full?: { runs?: unknown; metrics?: unknown } } | null)?.full;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
  if (!full || !strings(full.runs) || !strings(full.metrics)) throw new Error("the chart names no runs to export");
  return { runs: full.runs, metrics: full.metrics };
}

async function fetchRunData(base: string, id: string): Promise<RunData> {
  const res = await fetch(base + runDataPath(id));
  if (!res.ok) throw new Error(`${id}: ${res.status} ${res.statusText}`);
  return decodeRunData(await res.json());
}

/** The CSV of every logged point of the chart's runs and metrics, in the chart's run order. */
export async function fullCsvBlob(figure: HTMLElement, base: string): Promise<Blob> {
  const { runs, metrics } = readFullSpec(figure);
  const parts: string[] = [`${HISTORY_CSV_HEADER}\n`];
  for (let i = 0; i < runs.length; i += BATCH) {
    const batch = await Promise.all(runs.slice(i, i + BATCH).map((id) => fetchRunData(base, id)));
    for (const data of batch) {
      const chunks = runDataCsvChunks(data.run, data.history, metrics);
      if (!chunks) throw new Error(`${data.run.id}: the published data holds fewer points than the run logged`);
      parts.push(...chunks);
    }
  }
  return new Blob(parts, { type: "text/csv" });
}
