import { reportDoc, runDoc } from "../core/search/buildSearchIndex.ts";
import type { SearchDoc } from "../core/search/searchOptions.ts";
import { getReports, renderReportOnce } from "./reports.ts";
import { getRuns } from "./runs.ts";
import { runPath } from "../core/paths/runPath.ts";
import { reportPath } from "./urls.ts";

/**
 * Every report and run as a search document (the index is built in core/search). Their links are
 * site paths, which the search page resolves against its `data-base` (core/paths/siteHref.ts).
 */
export async function searchDocs(): Promise<SearchDoc[]> {
  const reports = (await getReports()).filter((r) => !r.meta.draft);
  return [
    ...(await Promise.all(
      reports.map(async (r) =>
        reportDoc({
          slug: r.meta.slug,
          title: r.meta.title,
          description: r.meta.description,
          authors: r.meta.authors,
          text: (await renderReportOnce(r)).text,
          href: reportPath(r.meta.slug),
        }),
      ),
    )),
    ...(await getRuns()).map((run) => runDoc(run, runPath(run.id))),
  ];
}
