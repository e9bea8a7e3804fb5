import type { APIRoute } from "astro";
import { explorerIndexJson } from "../../site/runDownloads.ts";

export const GET: APIRoute = async () => new Response(await explorerIndexJson(), { headers: { "content-type": "application/json" } });
