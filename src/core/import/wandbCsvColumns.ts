/**
 * Reading the unmarked columns of a W&B runs-table export: which are config and which summary
 * (`splitColumns`, from the columns' names and what the runs hold), and each cell as data.
 */
import { parsePythonLiteral, type PythonValue } from "./pythonLiteral.ts";
import { cellValue } from "./readFiles.ts";

/** Whether a column's name reads like a logged metric (one piece of evidence for the summary side). */
export function isMetricName(name: string): boolean {
  return (
    name.startsWith("_") ||
    name.includes("/") ||
    /(^|[_.\s-])(loss|acc|accuracy|auc|f1|precision|recall|perplexity|ppl|bleu|rouge|wer|cer|mae|mse|rmse|r2|reward|return|score|error|err|sensitivity|specificity|correct|incorrect|runtime|best)([_.\s-]|$)/i.test(name) ||
    /^(train|val|valid|validation|eval|test|epoch|step|global_step|best)([_.\s-]|$)/i.test(name)
  );
}

/** Names that read like settings (one piece of evidence for the config side). */
const CONFIG_NAME =
  /^(lr|learning[_-]?rate|batch[_-]?size|bs|seed|epochs|num[_-].+|n[_-].+|max[_-].+|min[_-].+|optimi[sz]er|optim|model(_.+)?|arch(itecture)?|dropout(_.+)?|weight[_-]?decay|wd|momentum|hidden(_.+)?|layers|num_layers|.+_dim|dim|warmup(_.+)?|scheduler|dataset|data|beta\d?|gamma|alpha|lambda|temperature|.+_size|activation|init(_.+)?|device|gpus?|workers|patience|clip(_.+)?|algo(rithm)?|env|task|method|mode|config|seq_len|context_length|vocab_size|pretrained|checkpoint)$/i;

/**
 * Splits a runs table's data columns (in header order) into config and summary. W&B writes all
 * config columns before all summary columns, so the answer is one split point; each column gives
 * evidence for a side (`columnEvidence`) and the split with the most evidence on the right sides
 * wins. Columns named in `forced` go where they are told, whatever the split.
 */
export function splitColumns(
  columns: readonly { name: string; values: readonly string[] }[],
  rows: number,
  forced: { config: ReadonlySet<string>; summary: ReadonlySet<string> },
): { summaryFrom: number; ambiguous: number[] } {
  const evidence = columns.map((c) => (forced.config.has(c.name) ? -1000 : forced.summary.has(c.name) ? 1000 : columnEvidence(c.name, c.values, rows)));
  const seen = new Map<string, number>();
  columns.forEach((c, i) => {
    // The same name twice: the config key, then the summary metric.
    const first = seen.get(c.name);
    if (first === undefined) seen.set(c.name, i);
    else {
      evidence[first]! -= 10;
      evidence[i]! += 10;
    }
  });
  const n = columns.length;
  const score: number[] = new Array(n + 1).fill(0);
  for (let k = n - 1; k >= 0; k--) score[k] = score[k + 1]! + evidence[k]!;
  // A sorted block that starts where the alphabetical order breaks is a summary written sorted (API dumps).
  for (let k = 1; k < n - 1; k++) {
    const rest = columns.slice(k).map((c) => c.name);
    if (columns[k - 1]!.name > columns[k]!.name && rest.every((c, j) => j === 0 || rest[j - 1]! <= c)) if (rest.length >= 3) score[k]! += rest.length >= 4 ? 3 : 2;
  }
  let best = n;
  for (let k = n; k >= 0; k--) if (score[k]! > score[best]!) best = k;
  // Every split nearly as good as the best one leaves the columns between them undecided.
  const near = score.map((v, k) => (score[best]! - v < 2 ? k : -1)).filter((k) => k >= 0);
  const ambiguous: number[] = [];
  for (let i = Math.min(...near); i < Math.max(...near); i++) if (Math.abs(evidence[i]!) < 1000) ambiguous.push(i);
  return { summaryFrom: best, ambiguous };
}

/** Positive: the column reads like a result (summary); negative: like a setting (config). */
function columnEvidence(name: string, values: readonly string[], rows: number): number {
  let e = 0;
  if (/^_(step|runtime|timestamp)$/.test(name)) e += 10;
  else if (name.startsWith("_")) e += 4;
  if (name.includes("/")) e += 3;
  else if (name.includes(".")) e -= 1;
  if (isMetricName(name.replace(/^_+/, ""))) e += 2;
  if (CONFIG_NAME.test(name)) e -= 3;
  const parsed = values.map((v) => ({ text: v, value: cellData(v) }));
  if (parsed.length === 0) return e;
  if (parsed.every((p) => isObject(p.value) && "_type" in p.value)) return e + 4;
  if (parsed.every((p) => typeof p.value === "boolean")) return e - 2;
  if (parsed.every((p) => typeof p.value === "string")) return e - 1;
  if (!parsed.every((p) => typeof p.value === "number")) return e - 1;
  const fractional = parsed.filter((p) => Number.isFinite(p.value) && !Number.isInteger(p.value));
  const digits = Math.max(0, ...fractional.map((p) => significantDigits(p.text)));
  if (fractional.length > 0 && digits >= 6) e += 2;
  if (fractional.length > 0 && digits <= 3) e -= 2;
  if (rows >= 4) {
    const distinct = new Set(parsed.map((p) => p.text.trim())).size;
    if (distinct <= parsed.length / 2) e -= 1;
    else if (distinct === parsed.length && fractional.length === parsed.length) e += 1;
  }
  return e;
}

function significantDigits(text: string): number {
  const mantissa = text.trim().replace(/^[-+]/, "").replace(/[eE].*$/, "").replace(".", "").replace(/^0+/, "");
  return mantissa.length;
}

/** A cell as data: a Python dict/list/tuple repr parsed, a plain number or boolean as such, else the text. */
export function cellData(text: string): PythonValue {
  const s = text.trim();
  if (/^[[{(]/.test(s)) {
    const v = parsePythonLiteral(s);
    if (v !== undefined) return v;
  }
  return scalarValue(text);
}

export function scalarValue(text: string): string | number | boolean {
  const s = text.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === "true";
  const v = cellValue(s);
  // An id or seed of 16+ digits has no exact double: its text keeps every digit.
  if (typeof v === "number" && !Number.isSafeInteger(v) && /^[-+]?\d+$/.test(s)) return s;
  return typeof v === "number" ? v : text;
}

export function isObject(v: unknown): v is { [key: string]: PythonValue } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
