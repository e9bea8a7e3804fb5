/**
 * The inside of a cited value, `{{ … }}`: a field of one run (`summary.val/loss | run: p/r`), or
 * an aggregate over a run set (`count`, `mean summary.val/loss | runs: config.lr = 3e-4`), with
 * optional `format:` and `digits:` as in runs-table columns. Pure; offsets are the source's, so
 * every problem points at its own part.
 */
import { didYouMean, type Message } from "../../diagnostics.ts";
import type { FieldPath } from "../../query/ast.ts";
import { FORMAT_KINDS, type ColumnFormat } from "../../table/formatCell.ts";
import { parseChartField } from "../runFields.ts";
import { AGGREGATES, CITE_OPTIONS, factMessages } from "./factMessages.ts";

export type Aggregate = (typeof AGGREGATES)[number];

export interface Citation {
  aggregate: Aggregate | null;
  /** Null only for `count`. */
  field: { path: FieldPath; text: string; offset: number; length: number } | null;
  run: { id: string; offset: number; length: number } | null;
  runs: { expression: string; offset: number } | null;
  format: ColumnFormat;
  /** Where the citation's head (`count`, `mean val/loss`, `summary.x`) is written. */
  head: { offset: number; length: number };
}

export interface CitationProblem {
  message: Message;
  offset: number;
  length: number;
}

export interface Part {
  text: string;
  offset: number;
}

/** `text` split at `|` outside quotes and backticks, each part trimmed, with its offset. */
export function splitParts(text: string, offset: number): Part[] {
  const parts: Part[] = [];
  let start = 0;
  let quote: string | null = null;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    parts.push({ text: raw.trim(), offset: offset + start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "|") {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return parts;
}

const show = (s: string) => (s === "" ? "nothing" : `\`${s}\``);

/** `inner` is the text between `{{` and `}}`, starting at `offset` in the source. */
export function parseCitation(inner: string, offset: number): { citation: Citation } | { problem: CitationProblem } {
  const [head, ...options] = splitParts(inner, offset);
  const problem = (message: Message, at: number, length: number) => ({ problem: { message, offset: at, length: Math.max(1, length) } });
  const words = /^(\S+)(\s+)?([\s\S]*)$/.exec(head!.text);
  if (!words) return problem(factMessages.badCitation("a field or `count`", "nothing"), head!.offset, 1);
  const aggregate = (AGGREGATES as readonly string[]).includes(words[1]!) ? (words[1] as Aggregate) : null;
  const fieldText = aggregate ? words[3]! : head!.text;
  const fieldOffset = aggregate ? head!.offset + words[1]!.length + (words[2]?.length ?? 0) : head!.offset;
  const citation: Citation = { aggregate, field: null, run: null, runs: null, format: { kind: "auto" }, head: { offset: head!.offset, length: Math.max(1, head!.text.length) } };
  if (aggregate === "count") {
    if (fieldText !== "") return problem(factMessages.badCitation("nothing after `count`", show(fieldText), "count the runs of a set with {{ count | runs: <expression> }}"), fieldOffset, fieldText.length);
  } else {
    if (fieldText === "") return problem(factMessages.badCitation(`a field after \`${aggregate}\``, "nothing"), head!.offset, head!.text.length);
    const parsed = parseChartField(fieldText);
    if (!parsed.ok) return problem(parsed.error, fieldOffset + parsed.error.offset, parsed.error.length);
    citation.field = { path: parsed.path, text: fieldText, offset: fieldOffset, length: fieldText.length };
  }
  for (const option of options) {
    const m = /^([A-Za-z_]+)\s*:\s*([\s\S]*)$/.exec(option.text);
    if (!m) return problem(factMessages.badCitation("an option such as `run: <id>` after `|`", show(option.text)), option.offset, option.text.length);
    const [, name, value] = m as unknown as [string, string, string];
    const valueOffset = option.offset + option.text.length - value.length;
    if (!(CITE_OPTIONS as readonly string[]).includes(name)) return problem(factMessages.unknownCiteOption(name, didYouMean(name, CITE_OPTIONS)), option.offset, name.length);
    if (value === "") return problem(factMessages.badCitation(`a value after \`${name}:\``, "nothing"), option.offset, name.length);
    if (name === "run") citation.run = { id: value, offset: valueOffset, length: value.length };
    else if (name === "runs") citation.runs = { expression: value, offset: valueOffset };
    else if (name === "format") {
      if (!(FORMAT_KINDS as readonly string[]).includes(value)) {
        return problem(factMessages.badCitation(`a format (${FORMAT_KINDS.join(", ")})`, show(value), didYouMean(value, FORMAT_KINDS) && `did you mean \`${didYouMean(value, FORMAT_KINDS)}\`?`), valueOffset, value.length);
      }
      citation.format = { ...citation.format, kind: value as ColumnFormat["kind"] };
    } else {
      const digits = Number(value);
      if (!/^\d+$/.test(value) || digits < 1 || digits > 15) return problem(factMessages.badCitation("`digits` from 1 to 15", show(value)), valueOffset, value.length);
      citation.format = { ...citation.format, digits };
    }
  }
  if (aggregate && citation.run) return problem(factMessages.badCitation(`\`runs:\` for \`${aggregate}\` (it is over a set of runs)`, "`run:`", `write {{ ${aggregate}${fieldText ? ` ${fieldText}` : ""} | runs: <expression> }}`), citation.run.offset, citation.run.length);
  if (!aggregate && !citation.run) {
    return problem(factMessages.badCitation("`| run: <id>` naming the run to cite, or an aggregate (count, min, max, mean, median, sum)", show(head!.text)), head!.offset, head!.text.length);
  }
  if (!aggregate && citation.runs) return problem(factMessages.badCitation("`run:` (one run) for a single value", "`runs:`", `an aggregate takes a run set: {{ mean ${fieldText} | runs: … }}`), citation.runs.offset, citation.runs.expression.length);
  return { citation };
}
