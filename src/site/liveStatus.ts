import settings from "virtual:runfolio/options";
import { liveStatus, staleAfter } from "../core/live/liveStatus.ts";
import type { Run } from "../core/run.ts";
import { readHistory } from "../core/runs/loadRuns.ts";

export interface RunLiveStatus {
  lastStep: number | null;
  /** ISO time of the last row, or null when the run logs no wall time. */
  lastRow: string | null;
  /** Seconds of silence after which the page calls the run stale (core/live/liveStatus.ts). */
  staleAfter: number;
}

/** A running run's last step and last row, read from its history; null for runs in other states. */
export async function runLiveStatus(run: Run): Promise<RunLiveStatus | null> {
  if (run.state !== "running") return null;
  const status = liveStatus(await readHistory(settings.dataRoot, run, []));
  return {
    lastStep: status.lastStep,
    lastRow: status.lastTime === null ? null : new Date(status.lastTime * 1000).toISOString(),
    staleAfter: staleAfter(status.interval, settings.staleFloor),
  };
}
