/**
 * The versions of the files a user writes: the run format (`format_version` in a run's JSON) and
 * runfolio.config.json (`version`). Both are optional and default to the current version. A
 * version only goes up when a file that was valid would be read differently; what this runfolio
 * does with a file written for another version is decided here, once (docs/versions.md).
 */

/** The run format this runfolio writes and reads (docs/run-format.md). */
export const RUN_FORMAT_VERSION = 1;

/** The runfolio.config.json format this runfolio reads (docs/config.md). */
export const CONFIG_FORMAT_VERSION = 1;

export type VersionVerdict =
  | { kind: "current" }
  /** Written for a newer runfolio: read as far as this one understands it. */
  | { kind: "newer"; version: number }
  /** Not a whole number from 1 on. */
  | { kind: "invalid" };

/** `value` is the file's version field as parsed (undefined when absent). */
export function judgeVersion(value: unknown, current: number): VersionVerdict {
  if (value === undefined) return { kind: "current" };
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) return { kind: "invalid" };
  return value > current ? { kind: "newer", version: value } : { kind: "current" };
}
