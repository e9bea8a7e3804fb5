import type { APIRoute, GetStaticPaths } from "astro";
import type { ParsedReport } from "../../../core/report/parseReport.ts";
import { getReports } from "../../../site/reports.ts";
import { reportPreviewPng } from "../../../site/previews.ts";
import { keyedByDataRoot } from "../../../site/pageCacheKeys.ts";

/** `/og/reports/<slug>.png`: the report's link preview (its first chart, or a title card). */
export const getStaticPaths = (async () => {
  const reports = await getReports();
  return keyedByDataRoot("og/reports", reports.map((report) => ({ params: { slug: report.meta.slug }, props: { report } })));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const png = await reportPreviewPng((props as { report: ParsedReport }).report);
  return new Response(png, { headers: { "content-type": "image/png" } });
};
