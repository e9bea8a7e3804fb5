/** What a runs-table column tells the reader: which run, what it scored, or how it was set up. */
export type ColumnRole = "name" | "result" | "setting";

/** `name`/`id` name a run; `summary.*` fields and sparklines are results; everything else is a setting. */
export function columnRole(column: { kind: "field" | "sparkline"; key: string }): ColumnRole {
  if (column.kind === "sparkline" || column.key.startsWith("summary.")) return "result";
  return column.key === "name" || column.key === "id" ? "name" : "setting";
}

/**
 * The order a wide table is shown in: the run's name, then the column it is sorted by, then the
 * other results, then the settings, each group in the order written. A table wider than the
 * page scrolls; this keeps what it is about (who won, by how much) on screen without scrolling.
 * Returns the written indices in display order.
 */
export function readingOrder(roles: readonly ColumnRole[], sorted: number): number[] {
  const indices = roles.map((_, i) => i);
  const of = (role: ColumnRole) => indices.filter((i) => roles[i] === role && !(i === sorted && role !== "name"));
  const sortedFirst = sorted >= 0 && roles[sorted] !== "name" ? [sorted] : [];
  return [...of("name"), ...sortedFirst, ...of("result"), ...of("setting")];
}
