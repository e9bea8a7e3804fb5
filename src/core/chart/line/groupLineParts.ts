/**
 * A grouped line chart's line for one group and metric (its aggregate on the group's grid) as a
 * chart part (`ChartParts`, chartMemo.ts): when one run of a chart over many runs changes, only its
 * group's grid moves, and every other group's line comes back from its part without reading its
 * runs. The bytes are little-endian Float64 (Int32 for counts), so a line read back is bit for bit
 * the one computed.
 */
import type { AggregatedSeries } from "../../series/aggregateStream.ts";
import type { XAxis } from "../../series/seriesFromHistory.ts";
import type { GroupAgg, GroupBand } from "../../stats/groupStats.ts";
import { float64sOf, int32sOf, littleEndianBytes } from "../../cache/littleEndian.ts";

/** Bump when what a part holds, or how its line is computed from its inputs, changes. */
const PART_VERSION = 1;

export interface GroupLineInputs {
  metric: string;
  x: XAxis;
  agg: GroupAgg;
  band: GroupBand;
  gridPoints: number;
  /** The group's runs, in the order they are aggregated (running sums depend on it). */
  runIds: readonly string[];
  grid: Float64Array;
}

/** Everything a group's line depends on besides its runs' histories, as the part's key text. */
export function groupLineInputs(inputs: GroupLineInputs): string {
  return JSON.stringify({ v: PART_VERSION, ...inputs, grid: hex(littleEndianBytes(inputs.grid)) });
}

export function encodeGroupLine(line: AggregatedSeries): { meta: string; sections: Uint8Array[] } {
  return {
    meta: JSON.stringify({ points: line.x.length, ended: line.ended }),
    sections: [line.x, line.center, line.lower, line.upper, line.count].map(littleEndianBytes),
  };
}

/** The line a part holds, or null when it is not one of `points` points (another code's entry). */
export function decodeGroupLine(meta: string, sections: readonly Uint8Array[], points: number): AggregatedSeries | null {
  let parsed: { points?: unknown; ended?: unknown };
  try {
    parsed = JSON.parse(meta) as typeof parsed;
  } catch {
    return null;
  }
  const ended = parsed.ended;
  if (parsed.points !== points || !Array.isArray(ended) || !ended.every((i) => Number.isSafeInteger(i) && i >= 1 && i < points)) return null;
  if (sections.length !== 5 || sections.slice(0, 4).some((s) => s.length !== points * 8) || sections[4]!.length !== points * 4) return null;
  const [x, center, lower, upper] = sections.slice(0, 4).map((s) => float64sOf(s, points)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  return { x, center, lower, upper, count: int32sOf(sections[4]!, points), ended: ended as number[] };
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}
