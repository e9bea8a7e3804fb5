/**
 * Milliseconds since the epoch as the ISO 8601 text a run's `created` holds, or null when it is
 * not a date the run loader reads back: invalid (beyond ±8.64e15 ms, where toISOString throws) or
 * outside the years 0000–9999 (toISOString then writes `+010000-…`, which is not ISO 8601's basic form).
 */
export function isoTime(ms: number): string | null {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return null;
  const year = d.getUTCFullYear();
  return year >= 0 && year <= 9999 ? d.toISOString() : null;
}
