/**
 * The HTML of a table's header and of a page of its rows: the build writes the first page with it
 * and the page script every page after, so both look the same. Every cell is text (escaped); a
 * media cell is an image linking to the file (shown through its 160 px WebP thumbnail when
 * wider), or an audio or video player. Pure and browser-safe.
 */
import { formatValue, GAP } from "../format/formatValue.ts";
import { escapeHtml } from "../render/escapeHtml.ts";
import { rowsMarkup as m } from "../render/rowsMarkup.ts";
import { mediaKind } from "../runs/tableData.ts";
import type { RowsModel, RowsSort } from "./rowsModel.ts";
import { hiDpiThumbnailOf, THUMB_WIDTH } from "../media/mediaUrls.ts";
import { cellValue, isMediaPayload, type MediaPayload, type PayloadCell } from "./rowsPayload.ts";

/** Characters of text shown in a cell; the whole text is in its tooltip (up to `TITLE_LIMIT`). */
const CELL_LIMIT = 160;
const TITLE_LIMIT = 2000;
/** The largest width an image cell shows its image at: `max-width` of `.rf-rows-thumb` (rowsTable.css). */
const THUMB_CSS_WIDTH = "4rem";

function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = limit;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

export function formatRowCell(cell: PayloadCell | undefined): string {
  const v = cellValue(cell);
  if (v === null) return GAP;
  if (typeof v === "number" && !Number.isFinite(v)) return v !== v ? "NaN" : v > 0 ? "∞" : "−∞";
  return formatValue(v);
}

/**
 * An image cell's `src`: its 160 px thumbnail, with the 320 px one in `srcset` for high-DPI
 * screens (`sizes` is the cell image's largest CSS width, `.rf-rows-thumb`), or the file itself.
 */
function thumbnailAttributes(cell: MediaPayload, url: (path: string) => string): string {
  const hiDpi = cell.t ? hiDpiThumbnailOf(cell.t, cell.w) : null;
  if (!cell.t || !hiDpi) return `src="${escapeHtml(url(cell.m))}"`;
  const t = escapeHtml(url(cell.t));
  return `src="${t}" srcset="${t} ${THUMB_WIDTH}w, ${escapeHtml(url(hiDpi.path))} ${hiDpi.width}w" sizes="${THUMB_CSS_WIDTH}"`;
}

function cellHtml(cell: PayloadCell | undefined, classes: string[], url: (path: string) => string): string {
  if (isMediaPayload(cell)) {
    const path = escapeHtml(cell.p);
    const cls = classes.length ? ` class="${classes.join(" ")}"` : "";
    if (cell.m === "") return `<td${cls}>${path}</td>`;
    const src = escapeHtml(url(cell.m));
    const kind = mediaKind(cell.p);
    const inner =
      kind === "audio" ? `<audio controls preload="none" src="${src}" title="${path}"></audio>`
      : kind === "video" ? `<video controls preload="none" src="${src}" title="${path}"></video>`
      : `<a href="${src}"><img class="${m.thumb}" ${thumbnailAttributes(cell, url)} alt="${path}" loading="lazy" decoding="async"></a>`;
    return `<td${cls}>${inner}</td>`;
  }
  const text = formatRowCell(cell);
  if (text === GAP) classes.push("gap");
  const cls = classes.length ? ` class="${classes.join(" ")}"` : "";
  const title = text.length > CELL_LIMIT ? ` title="${escapeHtml(clip(text, TITLE_LIMIT))}"` : "";
  return `<td${cls}${title}>${escapeHtml(clip(text, CELL_LIMIT))}</td>`;
}

/** The header row: a sort button per column (disabled until the page script runs), the run under a per-run column. */
export function renderRowsHead(model: RowsModel, sort: RowsSort | null, live: boolean): string {
  const cells = model.meta.columns.map((c, i) => {
    const run = c.run === null ? "" : `<span class="${m.run}">${escapeHtml(model.meta.runs[c.run]!.name)}</span>`;
    const sorted = sort?.column === i ? ` aria-sort="${sort.descending ? "descending" : "ascending"}"` : "";
    const cls = model.numeric(i) ? ` class="num"` : "";
    return `<th scope="col"${cls}${sorted}><button type="button" class="${m.sort}" ${m.column}="${i}"${live ? "" : " disabled"}>${escapeHtml(c.key)}${run}</button></th>`;
  });
  return `<tr>${cells.join("")}</tr>`;
}

/** Rows `from`..`to` (exclusive) of a view. */
/** `url` turns a media cell's path as the payload carries it into the URL the page uses. */
export function renderRowsBody(model: RowsModel, view: ArrayLike<number>, from: number, to: number, url: (path: string) => string = (p) => p): string {
  const width = model.meta.columns.length;
  let out = "";
  for (let k = from; k < Math.min(to, view.length); k++) {
    const i = view[k]!;
    out += "<tr>";
    for (let c = 0; c < width; c++) {
      const classes: string[] = [];
      if (model.numeric(c)) classes.push("num");
      if (model.differs(i, c)) classes.push(m.differs);
      out += cellHtml(model.cell(i, c), classes, url);
    }
    out += "</tr>";
  }
  return out;
}

const plural = (n: number, word: string): string => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

/** "1,204 rows · 37 where the runs disagree" (of the view, and of the whole table when filtered). */
export function rowsStatus(model: RowsModel, shown: number): string {
  const total = model.rowCount;
  let text = shown === total ? plural(total, "row") : `${shown.toLocaleString("en-US")} of ${plural(total, "row")}`;
  if (model.meta.join !== null && model.meta.runs.length > 1) text += ` · ${model.disagreeCount.toLocaleString("en-US")} where the runs disagree`;
  return text;
}

/** "Rows 26–50 of 1,204". */
export function pageInfo(from: number, to: number, count: number): string {
  if (count === 0) return "No rows";
  return `Rows ${(from + 1).toLocaleString("en-US")}–${Math.min(to, count).toLocaleString("en-US")} of ${count.toLocaleString("en-US")}`;
}
