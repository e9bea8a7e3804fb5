/**
 * The one CSV row format of Runfolio's downloads (comma-separated `csvCell`s, `\n` after each
 * row): the chart's "plotted points" export and the "every logged point" file both write through it.
 */
import { csvCell } from "./csvCell.ts";

export type CsvValue = string | number | null;

/** One row, ending in `\n`. */
export function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}

/**
 * Rows that all start with the same cells (a run's id, name and metric): the prefix is quoted
 * once, not once per row, which matters for files of millions of rows.
 */
export function csvRowsWith(prefix: readonly CsvValue[]): (rest: readonly CsvValue[]) => string {
  if (!prefix.length) return csvRow;
  const head = prefix.map(csvCell).join(",");
  return (rest) => {
    let line = head;
    for (const cell of rest) line += `,${csvCell(cell)}`;
    return `${line}\n`;
  };
}
