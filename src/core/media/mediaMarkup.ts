/**
 * The markup contract of media grids (the ` ```media ` block and run pages' Media section) between
 * the build (`renderMediaGrid.ts`) and the page script (`src/client/mediaBlock.ts`).
 * Browser-safe: constants and types only.
 *
 *   <figure class="rf-media" id="media-1" data-runfolio-media data-base="/">
 *     <figcaption><a class="rf-anchor" href="#media-1">title</a></figcaption>
 *     <div class="rf-media-tools" hidden> input.rf-media-slider, output.rf-media-step, select.rf-media-mode </div>
 *     <div class="rf-media-grid">
 *       <section class="rf-media-run" data-run="id"> h4.rf-media-run-name (> .rf-media-run-step)
 *         <div class="rf-media-items">
 *           <figure class="rf-media-item"> a.rf-media-open > span.rf-media-frame > img + svg.rf-media-boxes
 *             (past the first rows: img[data-src][data-srcset][data-sizes] + noscript > img);
 *             audio / video; figcaption </figure> …
 *         </div> p.rf-media-more </section> …
 *     </div>
 *     <div class="rf-media-compare" hidden></div>            (drawn by the script)
 *     <script type="application/json" class="rf-media-data">MediaPayload</script>
 *   </figure>
 */
import type { MediaBox, MediaKind } from "./runMedia.ts";

export const mediaMarkup = {
  attribute: "data-runfolio-media",
  figure: "rf-media",
  tools: "rf-media-tools",
  slider: "rf-media-slider",
  stepOut: "rf-media-step",
  mode: "rf-media-mode",
  grid: "rf-media-grid",
  run: "rf-media-run",
  runName: "rf-media-run-name",
  runStep: "rf-media-run-step",
  items: "rf-media-items",
  item: "rf-media-item",
  open: "rf-media-open",
  frame: "rf-media-frame",
  boxes: "rf-media-boxes",
  more: "rf-media-more",
  empty: "rf-media-empty",
  compare: "rf-media-compare",
  payload: "rf-media-data",
  dialog: "rf-media-dialog",
  /** A thumbnail below the first rows: its `src` (and `data-srcset`, `data-sizes`) wait for the script. */
  deferredSrc: "data-src",
} as const;

/** Classes of the contract only the script looks for (no stylesheet needs them). */
export const scriptOnlyMediaClasses: readonly string[] = [mediaMarkup.payload, mediaMarkup.mode];

/** `rf-media-cols-<n>`: a fixed number of item columns per run (the block's `columns`). */
export const MEDIA_COLS_PREFIX = "rf-media-cols-";
/** `rf-box-<n>`: a box's colour, by its label (`BOX_COLORS` of them). */
export const BOX_CLASS_PREFIX = "rf-box-";

export const BOX_COLORS = 8;

/** One item as the script swaps it in: paths are relative to the site's base (`data-base`). */
export interface MediaCell {
  kind: MediaKind;
  /** The committed file (`media/<digest>.<ext>`). */
  src: string;
  /** What grids show: the thumbnail, or the file itself (the high-DPI one is derived: mediaUrls.hiDpiThumbnailOf). */
  thumb: string;
  /** The original's size (boxes are in these pixels), and the grid's. */
  w?: number;
  h?: number;
  tw?: number;
  th?: number;
  caption?: string;
  boxes?: MediaBox[];
}

export interface MediaPayloadRun {
  id: string;
  name: string;
  /** Items per logged step (keys are steps), at most `limit` each; `total` when more were logged. */
  steps: Record<string, { items: MediaCell[]; total: number }>;
}

export interface MediaPayload {
  key: string;
  /** Every step any run logged the key at, ascending. */
  steps: number[];
  /** The step shown first. */
  step: number;
  /** The block's `columns` (items per row in each run), when set: thumbnails are chosen for it. */
  columns?: number;
  runs: MediaPayloadRun[];
}
