/**
 * A runs table, `runs/<project>/runs.csv`: one row per run, like a W&B runs-table export.
 * Columns: `id` and/or `name` (one is required), `group`, `tags` (separated by `;` or `|`),
 * `state`, `created`, `duration`, `notes`, `git.*`, `config.<dotted.path>` and `summary.<metric>`.
 * These runs have no history.
 */
import { didYouMean, lineStarts, positionAt, type Diagnostic } from "../diagnostics.ts";
import { GIT_KEYS, RUN_STATES, type GitInfo, type Run, type RunState, type SummaryValue } from "../run.ts";
import { MAX_NESTING, ownRecord, ownValue, setOwn } from "../ownRecord.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { findLongText } from "./textLimits.ts";
import { runMessages } from "./messages.ts";
import { normalizeRun } from "./normalizeRun.ts";
import { isNonFiniteToken, parseCsv, parseNumberAt, type CsvCell } from "./parseCsv.ts";
import { inexactReading } from "./inexactNumbers.ts";
import { findProseLimitProblem } from "../format/proseLimits.ts";
import { describeChar } from "./parseHistoryCsv.ts";
import type { SourceText } from "./runFileTypes.ts";
import { stripBom } from "./parseJsonWithPositions.ts";
import { normalizeCreated, type RunMeta } from "./parseRunJson.ts";

export const RUNS_TABLE_COLUMNS = ["id", "name", "group", "tags", "state", "created", "duration", "notes"] as const;
const PREFIXES = ["config.", "summary.", "git."] as const;

/**
 * Lowercase (NFC), runs of other characters than letters, digits (of any script) and `. _ -`
 * become one `-`; no `-` or `.` at either end (a leading `.` hides a file, a trailing one cannot
 * be published). `über café` → `über-café`, `日本語 run` → `日本語-run`.
 */
export function slugify(name: string): string {
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}._-]+/gu, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}

/** A config cell: number, boolean (`true`/`false`, any case) or text; undefined when empty. */
export function parseConfigCell(s: string): unknown {
  if (s === "") return undefined;
  const n = parseNumberAt(s, 0, s.length);
  if (n !== undefined && Number.isFinite(n)) return n;
  const lower = s.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return s;
}

/** A summary cell: like a config cell, but empty and non-finite cells are null (gaps). */
export function parseSummaryCell(s: string): SummaryValue {
  if (s === "" || isNonFiniteToken(s.trim())) return null;
  return parseConfigCell(s) as SummaryValue;
}

/**
 * @param file the runs.csv text and its repository-relative path
 * @param prefix the folder under `runs/` holding it (`nanogpt`); ids are `<prefix>/<id>`
 */
export function parseRunsTable(file: SourceText, prefix: string): { runs: Run[]; diagnostics: Diagnostic[] } {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const { records, error } = parseCsv(text);
  if (error) {
    const msg = error.kind === "unterminated-quote" ? runMessages.csvUnterminatedQuote() : runMessages.csvTextAfterQuote(describeChar(text, error.offset));
    diags.at(error.offset, "error", msg);
    return { runs: [], diagnostics: diags.done() };
  }
  const header = records[0];
  if (!header) {
    diags.whole("error", runMessages.emptyHistoryFile());
    return { runs: [], diagnostics: diags.done() };
  }
  const names = header.cells.map((c) => c.text.trim());
  const idCol = names.indexOf("id");
  const nameCol = names.indexOf("name");
  if (idCol < 0 && nameCol < 0) {
    diags.at(header.offset, "error", runMessages.runsTableNoId());
    return { runs: [], diagnostics: diags.done() };
  }
  const known = [...RUNS_TABLE_COLUMNS, "config.<key>", "summary.<metric>", "git.<field>"];
  // The first column of each name, found once: indexOf per column is quadratic in a wide header.
  const firstIndex = new Map<string, number>();
  names.forEach((name, k) => {
    if (!firstIndex.has(name)) firstIndex.set(name, k);
  });
  const usable = names.map((name, k) => {
    const cell = header.cells[k]!;
    if (name === "") {
      diags.at(cell.offset, "warning", runMessages.unnamedColumn(k + 1));
      return false;
    }
    const first = firstIndex.get(name)!;
    if (first !== k) {
      diags.at(cell.offset, "error", runMessages.duplicateColumn(name, first + 1), name.length);
      return false;
    }
    // `config.a.b` nests like the same config in run JSON: the run is level 1, config level 2.
    if (name.startsWith("config.") && name.split(".").length > MAX_NESTING) {
      diags.at(cell.offset, "error", runMessages.tooDeep(MAX_NESTING), name.length);
      return false;
    }
    const isGit = name.startsWith("git.") && (GIT_KEYS as readonly string[]).includes(name.slice(4));
    if ((RUNS_TABLE_COLUMNS as readonly string[]).includes(name) || isGit || ((name.startsWith("config.") || name.startsWith("summary.")) && !name.endsWith("."))) return true;
    const suggestion = didYouMean(name, [...RUNS_TABLE_COLUMNS, ...PREFIXES.map((p) => p.slice(0, -1))]);
    diags.at(cell.offset, "warning", runMessages.unknownKey(name, suggestion, known), name.length);
    return false;
  });
  if (diags.hasErrors) return { runs: [], diagnostics: diags.done() };

  const starts = lineStarts(text);
  const runs: Run[] = [];
  for (const record of records.slice(1)) {
    const cells = record.cells;
    if (cells.length > names.length) {
      diags.at(cells[names.length]!.offset, "error", runMessages.csvTooManyCells(cells.length, names.length));
      continue;
    }
    if (cells.length < names.length) diags.at(record.offset, "warning", runMessages.csvTooFewCells(cells.length, names.length));
    const run = parseRow(cells, names, usable, idCol, nameCol, record.offset, diags);
    if (!run) continue;
    runs.push(
      normalizeRun({
        id: `${prefix}/${run.id}`,
        meta: run.meta,
        history: null,
        lastLogged: null,
        source: { format: "runs-csv", files: [file.path], line: positionAt(text, record.offset, starts).line },
      }),
    );
  }
  return { runs, diagnostics: diags.done() };
}

function parseRow(
  cells: CsvCell[],
  names: string[],
  usable: boolean[],
  idCol: number,
  nameCol: number,
  rowOffset: number,
  diags: FileDiagnostics,
): { id: string; meta: RunMeta } | null {
  const cellText = (k: number): string => (k >= 0 ? (cells[k]?.text.trim() ?? "") : "");
  const offsetOf = (k: number): number => cells[k]?.offset ?? rowOffset;
  const idText = cellText(idCol);
  const nameText = cellText(nameCol);
  const id = idText !== "" ? idText : slugify(nameText);
  if (id === "") {
    diags.at(nameText === "" ? rowOffset : offsetOf(nameCol), "error", nameText === "" ? runMessages.runsTableRowNoId() : runMessages.runsTableNameNoSlug(nameText));
    return null;
  }
  let ok = true;
  const meta: RunMeta = {};
  const config = ownRecord();
  const summary = ownRecord<SummaryValue>();
  const git: GitInfo = {};
  if (nameText !== "") meta.name = nameText;
  for (let k = 0; k < names.length; k++) {
    if (!usable[k] || k === idCol || k === nameCol) continue;
    const name = names[k]!;
    const raw = cells[k]?.text ?? "";
    const s = raw.trim();
    if (name.startsWith("config.") || name.startsWith("summary.")) {
      const value = name.startsWith("config.") ? parseConfigCell(s) : parseSummaryCell(s);
      const read = typeof value === "number" ? inexactReading(s, value) : undefined;
      if (read !== undefined) diags.at(offsetOf(k), "warning", runMessages.inexactNumber(name, s, read), raw.length);
    }
    if (name.startsWith("config.")) {
      const value = parseConfigCell(s);
      if (value !== undefined && !setPath(config, name.slice("config.".length).split("."), value)) {
        diags.at(offsetOf(k), "error", runMessages.configConflict(name.slice("config.".length)));
        ok = false;
      }
      continue;
    }
    if (name.startsWith("summary.")) {
      setOwn(summary, name.slice("summary.".length), parseSummaryCell(s));
      continue;
    }
    if (s === "") continue;
    switch (name) {
      case "group":
        meta.group = s;
        break;
      case "notes":
        meta.notes = raw;
        if (findProseLimitProblem(raw)) diags.at(offsetOf(k), "warning", runMessages.notesNotMarkdown());
        break;
      case "tags":
        meta.tags = s
          .split(/[;|]/)
          .map((t) => t.trim())
          .filter((t) => t !== "");
        break;
      case "state":
        if ((RUN_STATES as readonly string[]).includes(s)) meta.state = s as RunState;
        else {
          diags.at(offsetOf(k), "error", runMessages.badState(s, didYouMean(s, RUN_STATES)), s.length);
          ok = false;
        }
        break;
      case "created": {
        const created = normalizeCreated(s);
        if (created === undefined) {
          diags.at(offsetOf(k), "error", runMessages.badCreated(`"${s}"`), s.length);
          ok = false;
        } else meta.created = created;
        break;
      }
      case "duration": {
        const d = parseNumberAt(s, 0, s.length);
        if (d === undefined || d < 0) {
          diags.at(offsetOf(k), "error", runMessages.wrongType("duration", "a non-negative number of seconds", `"${s}"`), s.length);
          ok = false;
        } else meta.duration = Number.isFinite(d) ? d : null;
        break;
      }
      default:
        if (name === "git.dirty") {
          const v = parseConfigCell(s);
          if (typeof v !== "boolean") {
            diags.at(offsetOf(k), "error", runMessages.wrongType(name, "true or false", `"${s}"`), s.length);
            ok = false;
          } else git.dirty = v;
        } else (git as Record<string, unknown>)[name.slice(4)] = s;
    }
  }
  if (!ok) return null;
  if (Object.keys(git).length > 0) meta.git = git;
  meta.config = config;
  meta.summary = summary;
  for (const t of findLongText(meta)) {
    const [root, ...rest] = t.path;
    const column = root === "config" || root === "summary" ? `${root}.${rest.join(".")}` : String(root);
    diags.at(offsetOf(names.indexOf(column)), "warning", runMessages.longText(t.field, t.length, t.limit));
  }
  return { id, meta };
}

/**
 * Sets `obj[a][b]… = value` on objects without a prototype, so every segment (`__proto__`
 * included) is an ordinary key; false when a prefix of the path already holds a value (or vice versa).
 */
function setPath(obj: Record<string, unknown>, path: string[], value: unknown): boolean {
  let target = obj;
  for (let k = 0; k < path.length - 1; k++) {
    const key = path[k]!;
    const next = ownValue(target, key);
    if (next === undefined) {
      const child = ownRecord();
      setOwn(target, key, child);
      target = child;
    } else if (typeof next === "object" && next !== null && !Array.isArray(next)) target = next as Record<string, unknown>;
    else return false;
  }
  const last = path[path.length - 1]!;
  const existing = ownValue(target, last);
  if (typeof existing === "object" && existing !== null) return false;
  setOwn(target, last, value);
  return true;
}
