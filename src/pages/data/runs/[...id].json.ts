import type { APIRoute, GetStaticPaths } from "astro";
import type { Run } from "../../../core/run.ts";
import { getRuns } from "../../../site/runs.ts";
import { runDataJson } from "../../../site/runDownloads.ts";

export const getStaticPaths = (async () => (await getRuns()).map((run) => ({ params: { id: run.id }, props: { run } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await runDataJson((props as { run: Run }).run), { headers: { "content-type": "application/json" } });
