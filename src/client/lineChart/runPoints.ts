/**
 * The points of a run page's charts, loaded from the run's published JSON (`/data/runs/<id>.json`)
 * when the first of them comes near the viewport: the page itself carries the static SVG and
 * each chart without its points (see `pointsFrom` in renderLineChart.ts). One request per run,
 * shared by its charts.
 */
import type { LineChartData } from "../../core/chart/lineChartData.ts";
import type { RunData } from "../../core/explore/runData.ts";
import { decodeRunData } from "../../core/explore/runDataWire.ts";
import { runDataPath } from "../../core/paths/runPath.ts";

const loaded = new Map<string, Promise<RunData>>();

function runData(url: string): Promise<RunData> {
  let data = loaded.get(url);
  if (!data) {
    data = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`${res.status} ${res.statusText} for the run's data`);
      return decodeRunData(await res.json());
    });
    loaded.set(url, data);
  }
  return data;
}

/** Drops the loaded runs' data: the dev server's live pages fetch a changed run again. */
export function forgetRunData(): void {
  loaded.clear();
}

/** The chart with each series' points from the run's JSON (the series name the metric they draw). */
export async function withRunPoints(data: LineChartData, base: string, run: string): Promise<LineChartData> {
  const { history } = await runData(base + runDataPath(run));
  return {
    ...data,
    series: data.series.map((s) => {
      const points = Object.hasOwn(history.metrics, s.metric) ? history.metrics[s.metric] : undefined;
      if (!points) throw new Error(`the run's data has no ${s.metric}`);
      return { ...s, x: points.x, y: points.y };
    }),
  };
}
