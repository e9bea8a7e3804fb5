import type { FeedEntry } from "../core/feed/atomFeed.ts";
import { excerpt, markdownText } from "../core/search/markdownText.ts";
import { getReports } from "./reports.ts";
import { reportHref } from "./urls.ts";

/**
 * The feed's entries: every published report with a `date` (reports without one are left out of
 * the feed: a made-up date would reorder or resurface them). The summary is the description, else
 * the start of the body text.
 */
export async function feedEntries(): Promise<FeedEntry[]> {
  return (await getReports())
    .filter((r) => r.meta.date && !r.meta.draft)
    .map((r) => ({
      slug: r.meta.slug,
      title: r.meta.title,
      summary: r.meta.description ?? (excerpt(markdownText(r.body)) || null),
      date: r.meta.date!,
      authors: r.meta.authors,
      href: reportHref(r.meta.slug),
    }));
}
