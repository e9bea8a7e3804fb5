import type { APIRoute, GetStaticPaths } from "astro";
import type { Run } from "../../../core/run.ts";
import { getRuns } from "../../../site/runs.ts";
import { runPreviewPng } from "../../../site/previews.ts";

/** `/og/runs/<project>/<run>.png`: a run page's link preview (a title card). */
export const getStaticPaths = (async () => {
  const runs = await getRuns();
  return runs.map((run) => ({ params: { id: run.id }, props: { run } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await runPreviewPng((props as { run: Run }).run);
  return new Response(png, { headers: { "content-type": "image/png" } });
};
