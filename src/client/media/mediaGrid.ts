/** The state of one live media grid, shared by its step slider, dialog and compare view. */
import type { MediaCell, MediaPayload } from "../../core/media/mediaMarkup.ts";
import { stepAtOrBefore } from "../../core/media/mediaView.ts";

export interface Grid {
  figure: HTMLElement;
  payload: MediaPayload;
  base: string;
  /** Per run (payload order), its logged steps ascending. */
  runSteps: number[][];
  step: number;
  mode: "grid" | "side" | "swipe";
}

/** The cells run `r` shows at the grid's step: its last logged step at or before it. */
export function cellsAt(grid: Grid, r: number): { step: number | null; cells: MediaCell[]; total: number } {
  const step = stepAtOrBefore(grid.runSteps[r]!, grid.step);
  const entry = step === null ? undefined : grid.payload.runs[r]!.steps[String(step)];
  return { step, cells: entry?.items ?? [], total: entry?.total ?? 0 };
}
