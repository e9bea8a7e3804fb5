/**
 * A folder run's media, from the files the loader read: `media.jsonl` parsed against the files
 * found under `media/` (parseMediaIndex). Pure; parseRunFolder calls it and keeps the other files.
 */
import type { Diagnostic } from "../diagnostics.ts";
import type { SourceText } from "./runFileTypes.ts";
import { isRunMediaFile } from "../media/mediaFiles.ts";
import { parseMediaIndex, type MediaFile } from "./parseMediaIndex.ts";
import { MEDIA_INDEX, type RunMediaItem } from "../media/runMedia.ts";

export interface RunMedia {
  items: RunMediaItem[];
  diagnostics: Diagnostic[];
  /** The path of `media.jsonl`, when the folder has one. */
  index: string | null;
  /** The folder's other files. */
  rest: SourceText[];
}

/**
 * @param withBytes false when the media files were not read (a git snapshot reads only text):
 *   their existence, size and links are then taken on trust.
 */
export function readRunMedia(id: string, files: readonly SourceText[], withBytes: boolean): RunMedia {
  const rest: SourceText[] = [];
  const found = new Map<string, MediaFile>();
  let index: SourceText | null = null;
  for (const f of files) {
    if (!isRunMediaFile(id, f.path)) rest.push(f);
    else if (f.path.endsWith(`/${MEDIA_INDEX}`) && f.path === `runs/${id}/${MEDIA_INDEX}`) index = f;
    else found.set(f.path, f.linkOutside !== undefined ? { linkOutside: f.linkOutside } : { bytes: f.bytes ?? new Uint8Array() });
  }
  if (!index) return { items: [], diagnostics: [], index: null, rest };
  const parsed = parseMediaIndex(index, found, withBytes);
  return { items: parsed.items, diagnostics: parsed.diagnostics, index: index.path, rest };
}
