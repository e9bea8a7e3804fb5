/**
 * What a media grid shows, from runs' media items: each run's items of one key by step, the
 * steps of the slider, and the payload the page script swaps steps from. Pure and browser-safe.
 */
import type { MediaCell, MediaPayload } from "./mediaMarkup.ts";
import { mediaPath, thumbnailPath, thumbnailSize } from "./mediaUrls.ts";
import type { RunMediaItem } from "./runMedia.ts";

export interface MediaViewRun {
  id: string;
  name: string;
  href: string;
  color?: string;
  /** This run's items of the key. */
  items: readonly RunMediaItem[];
}

/** The last logged step at or before `step` among `steps` (ascending), else null. */
export function stepAtOrBefore(steps: readonly number[], step: number): number | null {
  let found: number | null = null;
  for (const s of steps) {
    if (s > step) break;
    found = s;
  }
  return found;
}

export function mediaCell(item: RunMediaItem): MediaCell {
  const cell: MediaCell = { kind: item.kind, src: mediaPath(item), thumb: thumbnailPath(item) };
  if (item.width !== undefined && item.height !== undefined) {
    cell.w = item.width;
    cell.h = item.height;
    const t = thumbnailSize(item);
    if (t) {
      cell.tw = t.width;
      cell.th = t.height;
    }
  }
  if (item.caption !== undefined) cell.caption = item.caption;
  if (item.boxes) cell.boxes = item.boxes;
  return cell;
}

/** Items by step, ascending. */
export function itemsByStep(items: readonly RunMediaItem[]): Map<number, RunMediaItem[]> {
  const by = new Map<number, RunMediaItem[]>();
  for (const item of items) {
    const list = by.get(item.step) ?? [];
    list.push(item);
    by.set(item.step, list);
  }
  return new Map([...by].sort((a, b) => a[0] - b[0]));
}

/** Every step any of the runs logged, ascending. */
export function unionSteps(runs: readonly MediaViewRun[]): number[] {
  return [...new Set(runs.flatMap((r) => r.items.map((i) => i.step)))].sort((a, b) => a - b);
}

export function mediaPayload(key: string, runs: readonly MediaViewRun[], step: number, limit: number, columns?: number): MediaPayload {
  return {
    key,
    ...(columns ? { columns } : {}),
    steps: unionSteps(runs),
    step,
    runs: runs.map((r) => {
      const steps: MediaPayload["runs"][number]["steps"] = {};
      for (const [s, list] of itemsByStep(r.items)) steps[String(s)] = { items: list.slice(0, limit).map(mediaCell), total: list.length };
      return { id: r.id, name: r.name, steps };
    }),
  };
}
