import type { APIRoute } from "astro";
import { explorerFieldsJson } from "../../site/runDownloads.ts";

export const GET: APIRoute = async () => new Response(await explorerFieldsJson(), { headers: { "content-type": "application/json" } });
