import type { APIRoute, GetStaticPaths } from "astro";
import type { LineChartSource } from "../../../../core/report/renderBlock.ts";
import { chartDataCsv } from "../../../../site/chartData.ts";
import { getReports, renderReportOnce } from "../../../../site/reports.ts";
import { publishedChartData } from "../../../../core/site/chartDataFiles.ts";

// Every logged point of each line chart in a report (the figure links here; the page itself ships
// only the downsampled points). Charts drawing the same runs and metrics share one file.
export const getStaticPaths = (async () => {
  const paths = [];
  for (const report of await getReports()) {
    const rendered = await renderReportOnce(report);
    for (const source of publishedChartData(rendered.lineCharts)) paths.push({ params: { report: report.meta.slug, chart: source.id }, props: { source } });
  }
  return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await chartDataCsv((props as { source: LineChartSource }).source), { headers: { "content-type": "text/csv; charset=utf-8" } });
