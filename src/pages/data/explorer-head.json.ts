import type { APIRoute } from "astro";
import { explorerHeadJson } from "../../site/runDownloads.ts";

export const GET: APIRoute = async () => new Response(await explorerHeadJson(), { headers: { "content-type": "application/json" } });
