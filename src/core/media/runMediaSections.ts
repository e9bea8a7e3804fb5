/**
 * A run page's Media section: one grid per media key (first-logged order), each at its last step
 * with a step slider, drawn by the same renderer and script as the ` ```media ` block. Pure.
 */
import { mediaPayload, unionSteps, type MediaViewRun } from "./mediaView.ts";
import { renderMediaGrid } from "./renderMediaGrid.ts";
import { mediaKeys, type RunMediaItem } from "./runMedia.ts";

export const RUN_PAGE_MEDIA_LIMIT = 48;

export interface RunMediaSection {
  key: string;
  html: string;
}

export function runMediaSections(run: { id: string; name: string; media?: RunMediaItem[] }, o: { base: string; href: string; color?: string }): RunMediaSection[] {
  const media = run.media ?? [];
  return mediaKeys(media).map((key, i) => {
    const viewRun: MediaViewRun = { id: run.id, name: run.name, href: o.href, ...(o.color ? { color: o.color } : {}), items: media.filter((m) => m.key === key) };
    const steps = unionSteps([viewRun]);
    const step = steps[steps.length - 1]!;
    return {
      key,
      html: renderMediaGrid({
        id: `media-${i + 1}`,
        title: key,
        key,
        runs: [viewRun],
        steps,
        step,
        limit: RUN_PAGE_MEDIA_LIMIT,
        base: o.base,
        payload: mediaPayload(key, [viewRun], step, RUN_PAGE_MEDIA_LIMIT),
        hideRunName: true,
      }),
    };
  });
}
