import settings from "virtual:runfolio/options";
import type { Run } from "../core/run.ts";
import { runDataReader } from "../core/runs/loadRunData.ts";
import { runDistributionCharts, runPlotCharts, runSystemCharts, type RunChart } from "../core/site/runDataCharts.ts";
import { getColors } from "./runs.ts";

export type RunDataPart = "plots" | "distributions" | "system";

/** The charts of one part of a run page: evaluation plots, distributions or system metrics. */
export async function runDataCharts(run: Run, part: RunDataPart): Promise<RunChart[]> {
  const color = (await getColors()).get(run.id) ?? "#888888";
  if (part === "plots") return runPlotCharts(run, color);
  const reader = runDataReader(settings.dataRoot);
  return part === "distributions" ? runDistributionCharts(run, color, reader) : runSystemCharts(run, color, reader);
}
