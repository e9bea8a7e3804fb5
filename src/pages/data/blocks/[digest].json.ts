import type { APIRoute, GetStaticPaths } from "astro";
import { publishedBlockData } from "../../../site/blockDataFiles.ts";
import { getReports, renderReportOnce } from "../../../site/reports.ts";
import { keyedByDataRoot } from "../../../site/pageCacheKeys.ts";

// The data files report blocks published while rendering (site/blockDataFiles.ts): every report is
// rendered first (once per build, shared with its page and embeds), then each file is listed.
export const getStaticPaths = (async () => {
  for (const report of await getReports()) await renderReportOnce(report);
  return keyedByDataRoot("data/blocks", publishedBlockData().map(([digest, text]) => ({ params: { digest }, props: { text } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => new Response((props as { text: string }).text, { headers: { "content-type": "application/json" } });
