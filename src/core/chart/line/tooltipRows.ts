/** Height of one tooltip row, px (12 px text at line height 1.4, see chart.css). */
export const TOOLTIP_ROW_PX = 17;
/** A tooltip covers at most this share of the plot's height (its header counts as a row). */
export const TOOLTIP_PLOT_SHARE = 0.9;
/** Rows a tooltip may always show, however short the plot. */
export const TOOLTIP_MIN_ROWS = 3;

/**
 * The rows a line chart's tooltip lists: every series' value at the pointer when they fit in
 * `TOOLTIP_PLOT_SHARE` of the plot, else those nearest the pointer (smallest `dy`) and a count of
 * the rest. Shown highest value first, as the lines stack in the plot.
 */
export function tooltipRows<R extends { v: number; dy: number }>(rows: readonly R[], plotHeight: number): { rows: R[]; more: number } {
  const room = Math.max(TOOLTIP_MIN_ROWS, Math.floor((plotHeight * TOOLTIP_PLOT_SHARE) / TOOLTIP_ROW_PX) - 1);
  let shown = [...rows];
  let more = 0;
  if (shown.length > room) {
    // One row goes to the "+n more" line.
    shown = shown.sort((a, b) => a.dy - b.dy).slice(0, room - 1);
    more = rows.length - shown.length;
  }
  return { rows: shown.sort((a, b) => b.v - a.v), more };
}
