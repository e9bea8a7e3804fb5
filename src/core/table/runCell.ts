import { formatCell, type ColumnFormat } from "./formatCell.ts";

/** Columns whose cells link to the run's page and head their row. */
export const LINK_KEYS: ReadonlySet<string> = new Set(["name", "id"]);

/** Rows a `runs` table shows at a time; its HTML holds only the first page when the script can draw the rest. */
export const RUNS_PAGE_SIZE = 100;

/** One cell of a run row as text and attributes: drawn as HTML at build and as DOM nodes in the browser. */
export interface RunCell {
  /** A row header (`th scope=row`, the linked name), else a `td`. */
  header: boolean;
  className: string;
  title: string | null;
  text: string;
  /** The run page the text links to. */
  href: string | null;
  best: boolean;
}

export function runCell(key: string, format: ColumnFormat, raw: unknown, newest: number | null, best: boolean, href: string): RunCell {
  const text = formatCell(key, format, raw, { newest });
  const link = LINK_KEYS.has(key);
  const className = [
    typeof raw === "number" ? "num" : "",
    raw === null || raw === undefined ? "gap" : "",
    key === "state" ? `state state-${String(raw)}` : "",
    best ? "rf-best" : "",
  ]
    .filter(Boolean)
    .join(" ");
  // A cell ends in an ellipsis past its column's width: names, and any text that may be that long, say it whole.
  const title = format.kind === "relative" && typeof raw === "string" ? raw : link || text.length > 20 ? text : null;
  return { header: link, className, title, text, href: link ? href : null, best };
}
