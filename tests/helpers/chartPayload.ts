import { readFile } from "node:fs/promises";
import path from "node:path";

/** The parts of a line chart's payload that tests read. */
export interface LineChartPayloadJson {
  data: { series: { name: string }[]; domain: { x: [number, number] } };
  full?: { runs: string[]; metrics: string[] };
}

/**
 * A chart figure's hydration payload as the page reads it, in the browser: its JSON script, or the
 * data file it names (`{"file": url}`, core/report/blockDataFiles.ts). Pass it to `evaluate`.
 */
export async function chartPayloadInPage(fig: Element): Promise<LineChartPayloadJson> {
  const text = fig.querySelector(":scope > script.rf-chart-data")!.textContent!;
  const ref = JSON.parse(text) as { file?: string };
  return (typeof ref.file === "string" ? await (await fetch(ref.file)).json() : JSON.parse(text)) as LineChartPayloadJson;
}

/** The same from a built site's files: `scriptText` is the payload script's text, `dist` the site (base path `/`). */
export async function chartPayloadInDist(dist: string, scriptText: string): Promise<LineChartPayloadJson> {
  const ref = JSON.parse(scriptText) as { file?: string };
  return (typeof ref.file === "string" ? JSON.parse(await readFile(path.join(dist, ref.file), "utf8")) : JSON.parse(scriptText)) as LineChartPayloadJson;
}
