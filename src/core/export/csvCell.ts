/**
 * One CSV cell of a download (RFC 4180 quoting). Text from run files never starts a formula in a
 * spreadsheet: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in front. Numbers are written as
 * JavaScript writes them (shortest form that reads back as the same double); null is empty.
 */
export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) || s !== v ? `"${s.replace(/"/g, '""')}"` : s;
}
