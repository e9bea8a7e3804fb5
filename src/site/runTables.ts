/**
 * Per-example tables on the site: where their rows files and media files are published, and the
 * tables section of a run page (each table's first page, made live by the same script as `table`
 * blocks). Rows are read when a page shows them (core/runs/readRunTable.ts), never for every run.
 */
import settings from "virtual:runfolio/options";
import { encodePathSegments } from "../core/paths/runPath.ts";
import type { Run, RunTableInfo } from "../core/run.ts";
import { readRunTable } from "../core/runs/readRunTable.ts";
import { runMediaFiles } from "../core/runs/runMediaFiles.ts";
import { mediaPath, needsThumbnail, thumbnailPath, type MediaLink } from "../core/media/mediaUrls.ts";
import type { RunMediaItem, TableMediaImage } from "../core/media/runMedia.ts";
import { joinRows } from "../core/runTables/joinRows.ts";
import type { RowsPayload } from "../core/runTables/rowsPayload.ts";
import { INLINE_ROWS, renderRowsTable } from "../core/runTables/renderRowsTable.ts";
import { TABLE_PAGE_SIZE } from "../core/blocks/tableBlockSchema.ts";
import { getRuns } from "./runs.ts";
import { basePath, href, runHref } from "./urls.ts";

const runFolder = (run: Run): string => `runs/${run.id}`;

const listedByRun = new WeakMap<Run, Map<string, RunMediaItem>>();
const tableImagesByRun = new WeakMap<Run, Map<string, TableMediaImage>>();

/** The run's `media.jsonl` item for a data-root-relative file, if the index lists it (with its digest). */
function listedMedia(run: Run, file: string): RunMediaItem | undefined {
  let byFile = listedByRun.get(run);
  if (!byFile) {
    byFile = new Map((run.media ?? []).filter((m) => m.digest).map((m) => [m.file, m]));
    listedByRun.set(run, byFile);
  }
  return byFile.get(file);
}

/** The run's unlisted table image for a data-root-relative file, if it has thumbnails. */
function tableImage(run: Run, file: string): TableMediaImage | undefined {
  let byFile = tableImagesByRun.get(run);
  if (!byFile) {
    byFile = new Map((run.tableMedia ?? []).map((m) => [m.file, m]));
    tableImagesByRun.set(run, byFile);
  }
  return byFile.get(file);
}

/**
 * Where a media file a table cell names is (`media/preds/3_12.png`, relative to the run folder).
 * The one place that says where table images live: a file `media.jsonl` lists is the media
 * block's content-addressed copy (stored once in the site); any other under `data/table-media/`.
 * Either way a wide image is shown through the content-addressed thumbnails (`media/<digest>-w160.webp`).
 * Site paths (no base), as the rows payload carries them: pages resolve them with core/paths/siteHref.ts.
 */
export function tableMediaHref(run: Run, path: string): MediaLink {
  const file = `${runFolder(run)}/${path}`;
  const listed = listedMedia(run, file);
  const m = listed ? mediaPath(listed) : `data/table-media/${encodePathSegments(file)}`;
  const image = listed ?? tableImage(run, file);
  return image && needsThumbnail(image) ? { m, t: thumbnailPath(image), w: image.width! } : { m };
}

/** The media files of the runs that have tables that `media.jsonl` does not list, data-root-relative: the files under `data/table-media/`. */
export async function tableMediaFiles(): Promise<string[]> {
  const out: string[] = [];
  for (const run of await getRuns()) {
    if (!run.tables?.length || run.source.format !== "folder") continue;
    for (const file of await runMediaFiles(settings.dataRoot, runFolder(run))) {
      const path = `${runFolder(run)}/${file}`;
      if (!listedMedia(run, path)) out.push(path);
    }
  }
  return out.sort();
}

/** Where a report's `table` block publishes its rows (`reports/<slug>/rows-2`), site-relative without `.json`. */
export const reportRowsPath = (slug: string, blockId: string): string => `reports/${slug}/${blockId}`;
export const runRowsPath = (run: Run, table: RunTableInfo): string => `runs/${run.id}/${table.name}`;
export const rowsFileHref = (rowsPath: string): string => href(`data/tables/${encodePathSegments(rowsPath)}.json`);

/** A run table's rows as its page shows them: the last step of a per-step table, every column but `step`. */
export async function runTablePayload(run: Run, info: RunTableInfo): Promise<RowsPayload> {
  const table = await readRunTable(settings.dataRoot, run, info.name);
  const last = info.steps[info.steps.length - 1];
  const rows: number[] = [];
  for (let i = 0; i < table.rows.length; i++) if (!table.steps || table.steps[i] === last) rows.push(i);
  const stepped = info.steps.length > 0;
  const joined = joinRows([{ run: { id: run.id, name: run.name, href: runHref(run.id) }, table, rows }], {
    join: null,
    columns: table.columns.filter((c) => !(stepped && c === "step")),
    compare: null,
    runColumn: "run",
    mediaHref: (_, path) => tableMediaHref(run, path),
  });
  return { runs: [{ id: run.id, name: run.name, href: runHref(run.id) }], columns: joined.columns, rows: joined.rows, join: null, present: null, pageSize: TABLE_PAGE_SIZE.default, onlyDisagreements: false };
}

/** Whether a run table's rows are published as a file (the run page then links it). */
export const runTableInFile = (info: RunTableInfo): boolean => info.rows > INLINE_ROWS;

export interface RunTableSection {
  name: string;
  /** Rows at the step shown, and the step (null for a table without steps). */
  step: number | null;
  html: string;
}

/** The tables section of a run page: one static table per table of the run, in name order. */
export async function runTablesHtml(run: Run): Promise<RunTableSection[]> {
  const out: RunTableSection[] = [];
  for (const info of run.tables ?? []) {
    const payload = await runTablePayload(run, info);
    const rowsHref = runTableInFile(info) ? rowsFileHref(runRowsPath(run, info)) : null;
    const html = renderRowsTable(payload, { id: `table-${info.name}`, title: null, rowsHref, label: `table ${info.name}`, siteRoot: basePath() });
    out.push({ name: info.name, step: info.steps.length ? info.steps[info.steps.length - 1]! : null, html });
  }
  return out;
}
