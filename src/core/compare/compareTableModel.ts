import { compareCellText, formatDelta, type CompareResult, type CompareSection } from "./compareRuns.ts";

/**
 * The compare table as text, before any markup: the `compare` block turns it into HTML at build
 * (renderCompareTable.ts) and the `/compare/` page into DOM in the browser (src/client/compare.ts).
 * Every string either shows is decided here, so the same runs read the same in both; the
 * renderers only pick elements and class names.
 */
export interface CompareTableModel {
  /** Text of the header cell above the row keys. */
  keyHeader: string;
  /** One per run, in the order compared; the first is the reference for deltas. */
  columns: CompareColumn[];
  /** Sections with at least one shown row, in the order run, config, summary. */
  sections: CompareTableSection[];
  /** How many keys differ out of how many, and whether the same ones are hidden. */
  note: string;
  /** Said in place of the rows when none is shown, else null. */
  empty: string | null;
}

export interface CompareColumn {
  runId: string;
  name: string;
  /** Link to the run's page (the caller's base and encoding, see core/paths/runPath.ts). */
  href: string;
  /** `reference` on the first run's column, else null. */
  marker: string | null;
}

export interface CompareTableSection {
  section: CompareSection;
  title: string;
  rows: CompareTableRow[];
}

export interface CompareTableRow {
  /** Canonical field path, e.g. `config.optimizer.lr` (the row header's tooltip). */
  key: string;
  /** The key without its section root (the row header's text). */
  label: string;
  differs: boolean;
  /** One per column. */
  cells: CompareCell[];
}

export interface CompareCell {
  text: string;
  /** A finite number: set as numbers are (right-aligned, tabular). */
  numeric: boolean;
  /** No value to show: a gap (null, NaN, ±Infinity) or a key the run does not have. */
  gap: boolean;
  /** Difference to the reference run, when both are finite numbers and they differ. */
  delta: { text: string; direction: "up" | "down" } | null;
}

export interface CompareTableOptions {
  /** Every row, or only the rows whose values differ. */
  show: "differing" | "all";
  hrefForRun: (runId: string) => string;
}

const SECTION_TITLES: Record<CompareSection, string> = { run: "Run", config: "Config", summary: "Summary" };
const SECTIONS: readonly CompareSection[] = ["run", "config", "summary"];

export function compareTableModel(result: CompareResult, opts: CompareTableOptions): CompareTableModel {
  const columns = result.runs.map((r, i) => ({ runId: r.id, name: r.name, href: opts.hrefForRun(r.id), marker: i === 0 ? "reference" : null }));
  const shown = result.rows.filter((row) => opts.show === "all" || row.differs);
  const sections = SECTIONS.map((section) => ({
    section,
    title: SECTION_TITLES[section],
    rows: shown
      .filter((row) => row.section === section)
      .map((row) => ({
        key: row.key,
        label: row.label,
        differs: row.differs,
        cells: row.values.map((value, i): CompareCell => {
          const delta = row.deltas[i];
          // A non-finite number reads as a gap: the page gets it as JSON `null`, the block as NaN/±Infinity.
          const finite = typeof value === "number" && Number.isFinite(value);
          return {
            text: compareCellText(row, value),
            numeric: finite,
            gap: value === null || value === undefined || (typeof value === "number" && !finite),
            delta: delta ? { text: formatDelta(delta, row.key), direction: delta.abs > 0 ? "up" : "down" } : null,
          };
        }),
      })),
  })).filter((s) => s.rows.length > 0);
  const differing = result.rows.filter((r) => r.differs).length;
  const counts = `${differing} of ${result.rows.length} keys differ`;
  return {
    keyHeader: "key",
    columns,
    sections,
    note: opts.show === "differing" ? `${counts}; keys with the same value in every run are not shown.` : `${counts}.`,
    empty: shown.length === 0 ? "No key differs between these runs." : null,
  };
}

/** The class names both renderers give a value cell (styled by the shared table stylesheet). */
export function compareCellClass(cell: CompareCell): string {
  return [cell.numeric ? "num" : "", cell.gap ? "gap" : ""].filter(Boolean).join(" ");
}
