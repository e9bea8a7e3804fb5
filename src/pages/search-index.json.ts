import type { APIRoute } from "astro";
import { buildSearchIndex } from "../core/search/buildSearchIndex.ts";
import { searchDocs } from "../site/searchDocs.ts";

/** `/search-index.json`: the MiniSearch index of reports and runs, loaded by `/search/` on focus. */
export const GET: APIRoute = async () =>
  new Response(buildSearchIndex(await searchDocs()), { headers: { "content-type": "application/json" } });
