import type { APIRoute, GetStaticPaths } from "astro";
import type { Run } from "../../../core/run.ts";
import { getRuns } from "../../../site/runs.ts";
import { runPreviewKeyInputs, runPreviewPng } from "../../../site/previews.ts";
import { ownInputsKey } from "../../../site/pageCacheKeys.ts";

/** `/og/runs/<project>/<run>.png`: a run page's link preview (a title card), keyed by what it draws. */
export const getStaticPaths = (async () => {
  const runs = await getRuns();
  const paths = [];
  for (const run of runs) {
    const cacheKey = await ownInputsKey("run-card", () => runPreviewKeyInputs(run));
    paths.push({ params: { id: run.id }, props: { run }, ...(cacheKey ? { cacheKey } : {}) });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await runPreviewPng((props as { run: Run }).run);
  return new Response(png, { headers: { "content-type": "image/png" } });
};
