import { formatDateTime, formatDuration, formatValue, GAP } from "../format/formatValue.ts";

/** A table cell's text for a field path and its value (missing and gaps are a dash). */
export function explorerCellText(key: string, value: unknown): string {
  if (value === undefined) return GAP;
  if (key === "created" && (typeof value === "string" || value === null)) return formatDateTime(value);
  if (key === "duration" && (typeof value === "number" || value === null)) return formatDuration(value);
  if (key === "tags" && Array.isArray(value)) return value.length ? value.join(", ") : GAP;
  return formatValue(value);
}

/** A column header: the path without its `config.`/`summary.` root (the full path is the title). */
export function columnLabel(key: string): string {
  return key.replace(/^(config|summary)\./, "");
}
