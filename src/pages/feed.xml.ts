import type { APIRoute } from "astro";
import { atomFeed } from "../core/feed/atomFeed.ts";
import { feedEntries } from "../site/feedEntries.ts";
import { feedHref, href, siteUrl } from "../site/urls.ts";

/** `/feed.xml`: an Atom feed of the dated reports (see docs/publishing.md, "Feed"). */
export const GET: APIRoute = async () => {
  const body = atomFeed({ title: "Runfolio reports", selfHref: feedHref(), homeHref: href(""), siteUrl, entries: await feedEntries() });
  return new Response(body, { headers: { "content-type": "application/atom+xml; charset=utf-8" } });
};
