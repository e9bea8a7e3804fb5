import type { APIRoute } from "astro";
import { runIndexJson } from "../../site/runDownloads.ts";

export const GET: APIRoute = async () => new Response(await runIndexJson(), { headers: { "content-type": "application/json" } });
