/**
 * Data files of report blocks (`BlockContext.dataFile`): a large chart's payload and a long `runs`
 * table's later rows, published under `/data/blocks/<digest>.json` and fetched by the page script
 * when the block comes to life. Named by a digest of their bytes, so the same data get the same
 * URL in every page, embed and build; the endpoint (`pages/data/blocks/[digest].json.ts`) writes
 * every file a rendering published.
 */
import { createHash } from "node:crypto";
import { href } from "./urls.ts";

const published = new Map<string, string>();

/** The name of a block's data file, without `.json`: 96 bits of its SHA-256. */
function digestOf(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 24);
}

/** Records the data for the endpoint and returns their URL under the site's base path. */
export function publishBlockData(text: string): string {
  const digest = digestOf(text);
  published.set(digest, text);
  return href(`data/blocks/${digest}.json`);
}

/** Every data file published so far, by digest, in digest order (render the reports first). */
export function publishedBlockData(): [string, string][] {
  return [...published].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
