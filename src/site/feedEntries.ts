import type { FeedEntry } from "../core/feed/atomFeed.ts";
import { excerpt } from "../core/search/markdownText.ts";
import { getReports, renderReportOnce } from "./reports.ts";
import { reportHref } from "./urls.ts";

/**
 * The feed's entries: every published report with a `date` (reports without one are left out of
 * the feed: a made-up date would reorder or resurface them). The summary is the description, else
 * the start of the body text.
 */
export async function feedEntries(): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  for (const r of (await getReports()).filter((r) => r.meta.date && !r.meta.draft)) {
    entries.push({
      slug: r.meta.slug,
      title: r.meta.title,
      summary: r.meta.description ?? (excerpt((await renderReportOnce(r)).text) || null),
      date: r.meta.date!,
      authors: r.meta.authors,
      href: reportHref(r.meta.slug),
    });
  }
  return entries;
}
