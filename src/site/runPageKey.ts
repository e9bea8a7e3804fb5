/**
 * What a run page shows beyond Runfolio's code and options: the page's `cacheKey`
 * (pageCacheKeys.ts) is made of it, so Astro copies the page from the last build while all of it
 * is unchanged. It must name every input of `src/pages/runs/[...id].astro` and the components it
 * renders; each line below says which part of the page reads it.
 */
import path from "node:path";
import settings from "virtual:runfolio/options";
import { stableJson } from "../core/explore/stableJson.ts";
import { fileDigest } from "../core/files/fileDigests.ts";
import type { Run } from "../core/run.ts";
import { reportsUsingRun } from "./backlinks.ts";
import { fullRun, getColors, sameGroupRuns } from "./runs.ts";

/** How many of its group's other runs a run page lists (the rest are in the explorer). */
export const GROUP_LISTED = 24;

export async function runPageKeyInputs(run: Run): Promise<string[]> {
  const full = await fullRun(run);
  // The run's files: its history (charts, live status), media, tables, plots, histograms.
  const files: string[] = [];
  for (const file of full.source.files) files.push(`${file}\0${await fileDigest(path.join(settings.dataRoot, file))}`);
  // The other runs it lists, by what the list shows, and how many there are.
  const { listed, others } = await sameGroupRuns(run, GROUP_LISTED);
  return [
    // Its record (the page shows it clipped: clipping depends on the record alone).
    stableJson(full),
    files.join("\n"),
    // Its colour (title swatch, charts, media), which depends on the other runs.
    (await getColors()).get(run.id) ?? "",
    JSON.stringify([listed.map((r) => [r.id, r.name, r.state]), others]),
    // The reports that use it.
    JSON.stringify(await reportsUsingRun(run.id)),
  ];
}
