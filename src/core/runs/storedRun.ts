/**
 * A run as JSON text, and read back into objects without a prototype: a config key or metric
 * named `__proto__` survives. The pages read every run through it (src/site/runs.ts), so that
 * what they show is what a run's JSON download holds. (The content store once kept runs in this
 * form: its serialiser, devalue, refuses objects with a `__proto__` key.)
 */
import { toOwnRecords } from "../ownRecord.ts";
import type { Run } from "../run.ts";

export interface StoredRun {
  json: string;
}

export function toStoredRun(run: Run): StoredRun {
  return { json: JSON.stringify(run) };
}

/** The run, or null when `data` is not a stored run (an entry written by another version): a cache miss, never trusted. */
export function fromStoredRun(data: unknown): Run | null {
  if (typeof data !== "object" || data === null || typeof (data as StoredRun).json !== "string") return null;
  try {
    return toOwnRecords(JSON.parse((data as StoredRun).json)) as Run;
  } catch {
    return null;
  }
}
