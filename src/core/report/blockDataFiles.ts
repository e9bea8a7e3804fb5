import { escapeHtml } from "../render/escapeHtml.ts";
import { chartMarkup } from "../render/markup.ts";

/**
 * Publishes a block's data as a file of the site and returns its URL (`BlockContext.dataFile`):
 * the site names it by its content's digest, so the same bytes always get the same URL.
 */
export type PublishDataFile = (text: string) => string;

/**
 * A chart payload longer than this moves to a data file: the page then carries the static chart
 * and fetches what its live view needs when it nears the viewport. Smaller ones stay inline, where
 * a request would cost more than the bytes.
 */
export const INLINE_CHART_PAYLOAD_BYTES = 8 * 1024;

const PAYLOAD_SCRIPT = new RegExp(`<script type="application/json" class="${chartMarkup.payload}">([^<]*)</script>`, "g");

/**
 * A block's HTML with each large chart payload (`renderChartFigure`'s JSON script, whose text
 * `jsonForScript` wrote without `<`) published as a file: the script is left empty, its
 * `data-file` naming the file (an attribute, so a site built with relative links rewrites it like
 * any other). The published text is the payload as the page held it: the page reads the same values.
 */
export function moveChartPayloads(html: string, publish: PublishDataFile): string {
  return html.replace(PAYLOAD_SCRIPT, (whole, json: string) => {
    if (json.length <= INLINE_CHART_PAYLOAD_BYTES) return whole;
    return `<script type="application/json" class="${chartMarkup.payload}" ${chartMarkup.dataFile}="${escapeHtml(publish(json))}"></script>`;
  });
}
