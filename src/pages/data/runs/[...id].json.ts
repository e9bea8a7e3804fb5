import type { APIRoute, GetStaticPaths } from "astro";
import type { Run } from "../../../core/run.ts";
import { fullRun, getRuns } from "../../../site/runs.ts";
import { runDataInputs, runDataJson } from "../../../site/runDownloads.ts";
import { ownInputsKey } from "../../../site/pageCacheKeys.ts";

// Keyed by the run's record and history digest alone: appending to one run renders one JSON again.
export const getStaticPaths = (async () => {
  const paths = [];
  for (const run of await getRuns()) {
    const cacheKey = await ownInputsKey("run-data", async () => runDataInputs(await fullRun(run)));
    paths.push({ params: { id: run.id }, props: { run }, ...(cacheKey ? { cacheKey } : {}) });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await runDataJson((props as { run: Run }).run), { headers: { "content-type": "application/json" } });
