/**
 * The HTML of a media grid: one column per run, the items of one key at one step, each a lazy
 * thumbnail of known size linking to the full file, with its caption and box overlay; audio and
 * video play inline. The page script (src/client/media/) re-renders cells with `renderMediaCell`
 * when the step changes, so both sides draw the same markup. Everything from run files is text.
 * Browser-safe.
 */
import { escapeHtml as esc, jsonForScript } from "../render/escapeHtml.ts";
import { BOX_CLASS_PREFIX, BOX_COLORS, MEDIA_COLS_PREFIX, mediaMarkup as m, type MediaCell, type MediaPayload } from "./mediaMarkup.ts";
import { hiDpiThumbnailOf } from "./mediaUrls.ts";
import type { MediaBox } from "./runMedia.ts";
import { mediaCell, stepAtOrBefore, itemsByStep, type MediaViewRun } from "./mediaView.ts";

/** A label's colour class, the same for the same label everywhere. */
export function boxColorClass(label: string | undefined): string {
  let h = 0;
  for (const c of label ?? "") h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `${BOX_CLASS_PREFIX}${h % BOX_COLORS}`;
}

const fmtScore = (s: number): string => (Math.abs(s) < 1 && s !== 0 ? s.toFixed(2) : String(Math.round(s * 100) / 100));

/** Width in CSS pixels a grid shows an image at, about: labels are sized for it. */
const GRID_IMAGE_WIDTH = 150;

/**
 * An SVG over the image in the original's pixels; it scales with the image. Labels are about
 * 11 CSS pixels tall when the image is drawn `shownWidth` pixels wide.
 */
export function renderBoxes(boxes: readonly MediaBox[], w: number, h: number, shownWidth = GRID_IMAGE_WIDTH): string {
  // Small images are drawn enlarged (a 32-pixel sample fills a 150-pixel cell): the label shrinks with them.
  const font = Math.max(0.1, Math.round((110 * w) / Math.max(1, shownWidth)) / 10);
  const parts = boxes.map((b) => {
    const label = [b.label, b.score !== undefined ? fmtScore(b.score) : undefined].filter((x) => x !== undefined).join(" ");
    const ty = b.y - font * 0.3 >= font ? b.y - font * 0.3 : b.y + font;
    // A label that would run past the image's right edge ends at the box's right side instead.
    const end = b.x + 1 + label.length * font * 0.62 > w;
    const tx = end ? ` x="${Math.min(w, b.x + b.w) - 1}" text-anchor="end"` : ` x="${b.x + 1}"`;
    return (
      `<g class="${boxColorClass(b.label)}"><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"/>` +
      (label ? `<text${tx} y="${ty}" font-size="${font}">${esc(label)}</text>` : "") +
      (label ? `<title>${esc(label)}</title>` : "") +
      `</g>`
    );
  });
  return `<svg class="${m.boxes}" viewBox="0 0 ${w} ${h}" preserveAspectRatio="none" aria-hidden="true" focusable="false">${parts.join("")}</svg>`;
}

/** Text that names an item for screen readers and the enlarge dialog. */
export function cellLabel(cell: MediaCell, key: string, step: number, runName: string): string {
  return cell.caption ? cell.caption : `${key} at step ${step} of ${runName}`;
}

/**
 * The `sizes` of a grid's thumbnails: cells of the automatic layout are 7–14rem wide, so the
 * 160-pixel thumbnail serves one device pixel per CSS pixel and the 320-pixel one high-DPI
 * screens; one or two columns per run draw cells wide enough to want the larger one anyway.
 */
export function thumbnailSizes(columns?: number): string {
  return columns !== undefined && columns <= 2 ? "20rem" : "10rem";
}

/**
 * Items of each run whose thumbnails are in the HTML as real `src`: the first rows, visible at
 * load. The rest carry `data-src`/`data-srcset`, which the page script promotes as they near the
 * viewport (with a `<noscript>` copy for browsers without JavaScript), so what a page loads before
 * scrolling does not hang on the distance the browser's native lazy loading picks.
 */
export const EAGER_ITEMS_PER_RUN = 4;

/**
 * One item; `base` is the site's base path, `index` its place in the run's list, `columns` the
 * block's items per row (for the thumbnails' `sizes`).
 */
export function renderMediaCell(cell: MediaCell, base: string, index: number, label: string, columns?: number): string {
  const caption = cell.caption ? `<figcaption>${esc(cell.caption)}</figcaption>` : "";
  if (cell.kind === "audio") return `<figure class="${m.item}"><audio controls preload="none" src="${esc(base + cell.src)}" aria-label="${esc(label)}"></audio>${caption}</figure>`;
  if (cell.kind === "video") {
    const size = cell.w && cell.h ? ` width="${cell.w}" height="${cell.h}"` : "";
    return `<figure class="${m.item}"><video controls preload="none" playsinline src="${esc(base + cell.src)}"${size} aria-label="${esc(label)}"></video>${caption}</figure>`;
  }
  const size = cell.tw && cell.th ? ` width="${cell.tw}" height="${cell.th}"` : "";
  const hiDpi = hiDpiThumbnailOf(cell.thumb, cell.w);
  const srcset = hiDpi && cell.tw ? ` srcset="${esc(base + cell.thumb)} ${cell.tw}w, ${esc(base + hiDpi.path)} ${hiDpi.width}w" sizes="${thumbnailSizes(columns)}"` : "";
  const boxes = cell.boxes?.length && cell.w && cell.h ? renderBoxes(cell.boxes, cell.w, cell.h) : "";
  const rest = `${size} loading="lazy" decoding="async" alt="${esc(label)}">`;
  const img =
    index < EAGER_ITEMS_PER_RUN
      ? `<img src="${esc(base + cell.thumb)}"${srcset}${rest}`
      : `<img ${m.deferredSrc}="${esc(base + cell.thumb)}"${srcset.replace(/ (srcset|sizes)=/g, " data-$1=")}${rest}<noscript><img src="${esc(base + cell.thumb)}"${srcset}${rest}</noscript>`;
  return (
    `<figure class="${m.item}"><a class="${m.open}" href="${esc(base + cell.src)}" data-item="${index}">` +
    `<span class="${m.frame}">${img}${boxes}</span></a>${caption}</figure>`
  );
}

/** The cells of one run at one step, with a note when some were left out. */
export function renderRunCells(cells: readonly MediaCell[], total: number, base: string, key: string, step: number, runName: string, columns?: number): string {
  const html = cells.map((c, i) => renderMediaCell(c, base, i, cellLabel(c, key, step, runName), columns)).join("");
  const more = total > cells.length ? `<p class="${m.more}">Showing ${cells.length} of ${total} items at this step.</p>` : "";
  return html + more;
}

export interface MediaGridOptions {
  /** The anchor id, e.g. `media-1`. */
  id: string;
  title: string;
  key: string;
  runs: readonly MediaViewRun[];
  /** Every step of the slider (ascending) and the one shown first. */
  steps: readonly number[];
  step: number;
  limit: number;
  columns?: number;
  /** The site's base path (`/`, `/repo/`). */
  base: string;
  payload: MediaPayload;
  /** Heading level of each run's name. __Default:__ 4. */
  runHeading?: 3 | 4 | 5;
  /** One run's own page: its name is the page's title, the column shows only the step. */
  hideRunName?: boolean;
  note?: string;
}

export function renderMediaGrid(o: MediaGridOptions): string {
  const level = o.runHeading ?? 4;
  const cols = o.columns ? ` ${MEDIA_COLS_PREFIX}${o.columns}` : "";
  const columns = o.runs.map((r) => {
    const by = itemsByStep(r.items);
    const shown = stepAtOrBefore([...by.keys()], o.step);
    const list = shown === null ? [] : by.get(shown)!;
    const swatch = r.color ? `<svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" rx="2" fill="${esc(r.color)}"/></svg>` : "";
    const stepText = shown === null ? "nothing yet" : `step ${shown}`;
    const body =
      shown === null
        ? `<p class="${m.empty}">No <code>${esc(o.key)}</code> at or before step ${o.step}.</p>`
        : renderRunCells(list.slice(0, o.limit).map(mediaCell), list.length, o.base, o.key, shown, r.name, o.columns);
    const name = o.hideRunName ? "" : `${swatch}<a href="${esc(r.href)}">${esc(r.name)}</a> `;
    return (
      `<section class="${m.run}" data-run="${esc(r.id)}"><h${level} class="${m.runName}">${name}<span class="${m.runStep}">${stepText}</span></h${level}>` +
      `<div class="${m.items}${cols}">${body}</div></section>`
    );
  });
  const index = o.steps.indexOf(o.step);
  const slider =
    o.steps.length > 1
      ? `<label class="rf-media-step-label">Step <input type="range" class="${m.slider}" min="0" max="${o.steps.length - 1}" step="1" value="${index < 0 ? o.steps.length - 1 : index}" aria-valuetext="step ${o.step}"></label> <output class="${m.stepOut}">${o.step}</output>`
      : "";
  const mode =
    o.runs.length >= 2 && o.runs.some((r) => r.items.some((i) => i.kind === "image"))
      ? `<label class="rf-media-mode-label">View <select class="${m.mode}"><option value="grid">Grid</option><option value="side">Side by side</option><option value="swipe">Swipe</option></select></label>`
      : "";
  const tools = slider || mode ? `<div class="${m.tools}" hidden>${slider}${mode}</div>` : "";
  const note = o.note ? `<p class="rf-media-note">${esc(o.note)}</p>` : "";
  return (
    `<figure class="${m.figure}" id="${esc(o.id)}" ${m.attribute} data-base="${esc(o.base)}">` +
    `<figcaption><a class="rf-anchor" href="#${esc(o.id)}">${esc(o.title)}</a></figcaption>${tools}` +
    `<div class="${m.grid}">${columns.join("")}</div>${note}<div class="${m.compare}" hidden></div>` +
    `<script type="application/json" class="${m.payload}">${jsonForScript(o.payload)}</script></figure>`
  );
}
