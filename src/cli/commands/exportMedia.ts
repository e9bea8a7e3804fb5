/**
 * The run media a report's blocks show, made part of `runfolio export`'s single file
 * (core/export/inlineMedia.ts): originals and grid thumbnails as `data:` URIs while they fit the
 * budget, in the order the page first uses them; what does not fit is linked to the published
 * site (`--site`) or shown as a placeholder, named in a note at the top and in a warning each.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { cachedThumbnail } from "../../core/cache/cachedThumbnail.ts";
import type { Diagnostic } from "../../core/diagnostics.ts";
import { exportMessages } from "../../core/export/exportMessages.ts";
import {
  dataUri,
  EXPORT_MEDIA_FILE_BUDGET,
  EXPORT_MEDIA_TOTAL_BUDGET,
  leftOutNote,
  mediaNamesIn,
  placeholderUri,
  replaceMediaNames,
  withoutHiDpiThumbnails,
  type LeftOutMedia,
} from "../../core/export/inlineMedia.ts";
import { readFileBounded, withFileHandle } from "../../core/files/boundedFiles.ts";
import { MEDIA_URL_DIR, publishedMediaFiles } from "../../core/media/mediaUrls.ts";
import type { Run } from "../../core/run.ts";
import { mediaMessages } from "../../core/runs/mediaMessages.ts";

export interface ExportMediaOptions {
  root: string;
  /** The published site's address (ends in `/`), or null. */
  site: string | null;
  fileBudget?: number;
  totalBudget?: number;
}

export interface ExportedMedia {
  html: string;
  diagnostics: Diagnostic[];
  /** Media files embedded, and their bytes (before base64). */
  embedded: number;
  bytes: number;
}

export async function inlineExportMedia(bodyHtml: string, runs: readonly Run[], o: ExportMediaOptions): Promise<ExportedMedia> {
  const fileBudget = o.fileBudget ?? EXPORT_MEDIA_FILE_BUDGET;
  const totalBudget = o.totalBudget ?? EXPORT_MEDIA_TOTAL_BUDGET;
  const html = withoutHiDpiThumbnails(bodyHtml);
  const names = mediaNamesIn(html);
  if (names.length === 0) return { html, diagnostics: [], embedded: 0, bytes: 0 };
  const published = new Map(publishedMediaFiles(runs).map((f) => [`${MEDIA_URL_DIR}/${f.name}`, f]));
  const urls = new Map<string, string>();
  const left: LeftOutMedia[] = [];
  const diagnostics: Diagnostic[] = [];
  let total = 0;
  let embedded = 0;
  for (const name of names) {
    const file = published.get(name);
    if (!file) continue;
    const absolute = path.join(o.root, file.source);
    let bytes: Uint8Array | null = null;
    let size: number;
    try {
      if (file.thumbnail !== null) {
        bytes = await withFileHandle(() => cachedThumbnail(absolute, file.digest, file.thumbnail!));
        size = bytes.length;
      } else size = (await stat(absolute)).size;
    } catch (e) {
      diagnostics.push({ file: file.source, line: 1, column: 1, severity: "error", ...mediaMessages.unreadableImage(file.source, `its image data cannot be decoded (${(e as Error).message})`) });
      continue;
    }
    const over = size > fileBudget ? exportMessages.mediaOverFileBudget(file.source, size, fileBudget, o.site !== null) : total + size > totalBudget ? exportMessages.mediaOverTotalBudget(file.source, size, totalBudget, o.site !== null) : null;
    if (over) {
      const href = o.site ? new URL(name, o.site).href : undefined;
      diagnostics.push({ file: file.source, line: 1, column: 1, severity: "warning", ...over });
      left.push({ source: file.source, bytes: size, ...(href ? { href } : {}) });
      urls.set(name, href ?? placeholderUri(`${path.basename(file.source)}: not in this file`));
      continue;
    }
    bytes ??= (await readFileBounded(absolute)).bytes;
    total += bytes.length;
    embedded++;
    urls.set(name, dataUri(name, bytes));
  }
  return {
    html: leftOutNote(left, fileBudget, totalBudget) + replaceMediaNames(html, urls),
    diagnostics,
    embedded,
    bytes: total,
  };
}
