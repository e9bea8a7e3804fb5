import { readFile } from "node:fs/promises";
import path from "node:path";

/** The parts of a line chart's payload that tests read. */
export interface LineChartPayloadJson {
  data: { series: { name: string }[]; domain: { x: [number, number] } };
  full?: { runs: string[]; metrics: string[] };
}

/**
 * A chart figure's hydration payload as the page reads it, in the browser: its JSON script, or the
 * data file its `data-file` names (core/report/blockDataFiles.ts). Pass it to `evaluate`.
 */
export async function chartPayloadInPage(fig: Element): Promise<LineChartPayloadJson> {
  const script = fig.querySelector(":scope > script.rf-chart-data")!;
  const file = script.getAttribute("data-file");
  return (file ? await (await fetch(file)).json() : JSON.parse(script.textContent!)) as LineChartPayloadJson;
}

/** The same from a built site's files (`dist`, base path `/`), for a payload script parsed by node-html-parser. */
export async function chartPayloadInDist(dist: string, script: { text: string; getAttribute: (name: string) => string | undefined }): Promise<LineChartPayloadJson> {
  const file = script.getAttribute("data-file");
  return (file ? JSON.parse(await readFile(path.join(dist, file), "utf8")) : JSON.parse(script.text)) as LineChartPayloadJson;
}
