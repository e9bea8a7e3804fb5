import type { APIRoute, GetStaticPaths } from "astro";
import type { Run, RunTableInfo } from "../../../core/run.ts";
import { encodeRowsFile } from "../../../core/runTables/rowsFile.ts";
import { rowsInFile } from "../../../core/runTables/renderRowsTable.ts";
import type { RowsPayload } from "../../../core/runTables/rowsPayload.ts";
import { getReports, renderReportOnce } from "../../../site/reports.ts";
import { getRuns } from "../../../site/runs.ts";
import { reportRowsPath, runRowsPath, runTableInFile, runTablePayload } from "../../../site/runTables.ts";
import { keyedByDataRoot } from "../../../site/pageCacheKeys.ts";

type Props = { kind: "report"; payload: RowsPayload } | { kind: "run"; run: Run; table: RunTableInfo };

// The rows of large per-example tables, by column (core/runTables/rowsFile.ts), fetched by the page
// script when the table nears the viewport: a report's `table` blocks (from its compiled blocks)
// and run pages' tables (read when written).
export const getStaticPaths = (async () => {
  const out: { params: { path: string }; props: Props }[] = [];
  for (const report of await getReports()) {
    for (const block of (await renderReportOnce(report)).blocks) {
      const payload = block.payload as RowsPayload;
      if (block.script === "rows" && rowsInFile(payload, "")) out.push({ params: { path: reportRowsPath(report.meta.slug, block.id) }, props: { kind: "report", payload } });
    }
  }
  for (const run of await getRuns()) {
    for (const table of run.tables ?? []) if (runTableInFile(table)) out.push({ params: { path: runRowsPath(run, table) }, props: { kind: "run", run, table } });
  }
  return keyedByDataRoot("data/tables", out);
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const p = props as Props;
  const payload = p.kind === "report" ? p.payload : await runTablePayload(p.run, p.table);
  return new Response(JSON.stringify(encodeRowsFile(payload)), { headers: { "content-type": "application/json" } });
};
