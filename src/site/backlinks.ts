import { reportRunSets } from "../core/report/reportRunSets.ts";
import { getReports } from "./reports.ts";
import { getRuns } from "./runs.ts";

export interface ReportLink {
  slug: string;
  title: string;
}

let usedBy: Promise<Map<string, ReportLink[]>> | null = null;

/** Run id → the reports that use the run (a block's run set, a compare block, a cited value or claim), worked out once per build. */
function reportsByRun(): Promise<Map<string, ReportLink[]>> {
  usedBy ??= (async () => {
    const runs = await getRuns();
    const map = new Map<string, ReportLink[]>();
    for (const report of await getReports()) {
      for (const id of (await reportRunSets(report, runs)).usedRunIds) {
        const list = map.get(id) ?? [];
        list.push({ slug: report.meta.slug, title: report.meta.title });
        map.set(id, list);
      }
    }
    return map;
  })();
  // In the dev server reports change between requests: work it out again next time.
  if (import.meta.env.DEV) {
    const current = usedBy;
    usedBy = null;
    return current;
  }
  return usedBy;
}

/** The reports that use a run, in the reports' listing order. */
export async function reportsUsingRun(runId: string): Promise<ReportLink[]> {
  return (await reportsByRun()).get(runId) ?? [];
}
