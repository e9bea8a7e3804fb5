/**
 * Plain-text training logs read with a user pattern: a regular expression (RE2 syntax, matched in
 * linear time) with named groups. The `step` group is the step, a `time` group the wall time (unix seconds), and every
 * other group a metric; `__` in a group name stands for `/` (groups cannot contain `/`), so
 * `(?<val__loss>…)` is the metric `val/loss`. A line may match several times (the pattern is
 * applied from left to right); a line that does not match is counted as skipped. Matches at the
 * same step as the previous row are joined into that row when they do not disagree.
 * Each file is one run.
 */
import { caretExcerpt, type Diagnostic } from "../diagnostics.ts";
import { compileRegex, type UserRegex } from "../query/compileRegex.ts";
import { ImportCollector } from "./ImportCollector.ts";
import type { ImportedHistory, ImportResult } from "./importedRun.ts";
import { baseName, dirName, textOf, type FormatImporter, type ImportFile, type ImportOptions } from "./importFile.ts";
import { importMessages } from "./importMessages.ts";
import { newRun } from "./newRun.ts";
import { cellValue } from "./readFiles.ts";
import { slugify, uniqueSlug } from "./slugify.ts";
import { ownRecord, setOwn } from "../ownRecord.ts";

/** File names that say nothing about the run: such a run is named after its folder. */
const GENERIC_NAMES = new Set(["main", "train", "training", "log", "logs", "output", "stdout", "out", "run"]);

export function detectLog(paths: readonly string[]): boolean {
  return paths.some(wants);
}

function wants(path: string): boolean {
  return /\.(log|txt|out)$/i.test(path) && !/(^|\/)(requirements|LICENSE|README)[^/]*$/i.test(path);
}

export interface CompiledPattern {
  regex: UserRegex;
  metrics: { group: string; metric: string }[];
  hasTime: boolean;
}

/** Where `--pattern` problems are reported: the pattern is the "file", its column the position. */
export const PATTERN_FILE = "--pattern";

/**
 * Compiles the user's pattern (RE2 syntax, linear-time matching: see docs/importing.md), or says
 * what is wrong with it. A pattern RE2 rejects comes back as a positioned diagnostic.
 */
export function compileLogPattern(pattern: string | undefined): CompiledPattern | { error: string; diagnostic?: Diagnostic } {
  if (!pattern) return { error: "the log format needs --pattern with a `step` group" };
  const compiled = compileRegex(pattern);
  if (!compiled.ok) {
    const { offset, length, code, message } = compiled.error;
    const hint = code === "EXPR016" ? "--pattern uses RE2 syntax with named groups (?<name>…); see docs/importing.md" : compiled.error.hint;
    const diagnostic: Diagnostic = {
      file: PATTERN_FILE,
      line: 1,
      column: offset + 1,
      severity: "error",
      code,
      message,
      ...(hint ? { hint } : {}),
      excerpt: caretExcerpt(pattern, 1, offset + 1, Math.min(length, pattern.length - offset)),
    };
    return { error: message, diagnostic };
  }
  const regex = compiled.regex;
  const named = regex.namedGroups();
  const groups = Object.keys(named).sort((a, b) => named[a]! - named[b]!);
  if (!groups.includes("step")) return { error: `no named group \`step\` in ${JSON.stringify(pattern)} (named groups: ${groups.join(", ") || "none"})` };
  const metrics = groups.filter((g) => g !== "step" && g !== "time").map((group) => ({ group, metric: group.replaceAll("__", "/") }));
  return { regex, metrics, hasTime: groups.includes("time") };
}

export function importLog(files: readonly ImportFile[], options: ImportOptions): ImportResult {
  const out = new ImportCollector();
  const compiled = compileLogPattern(options.pattern);
  if ("error" in compiled) {
    if (compiled.diagnostic) out.diagnostics.push(compiled.diagnostic);
    else out.report(".", "error", importMessages.badPattern(compiled.error));
    return out.result();
  }
  const taken = new Set<string>();
  const nameOf = (path: string): string => {
    const stem = baseName(path).replace(/\.[^.]*(\.txt)?$/, "").replace(/\.log-portion$/, "");
    const folder = dirName(path) === "" ? (options.rootName ?? options.project) : baseName(dirName(path));
    return GENERIC_NAMES.has(stem.toLowerCase()) ? folder : stem;
  };
  const logs = files.filter((f) => wants(f.path) && textOf(f) !== undefined);
  // Two logs with one name (runA/seed0/main.log, runB/seed0/main.log) are told apart by their path.
  const nameCount = new Map<string, number>();
  for (const f of logs) nameCount.set(slugify(nameOf(f.path)), (nameCount.get(slugify(nameOf(f.path))) ?? 0) + 1);
  for (const file of logs) {
    const text = textOf(file)!;
    const own = nameOf(file.path);
    const above = GENERIC_NAMES.has(baseName(file.path).replace(/\.[^.]*(\.txt)?$/, "").toLowerCase()) ? dirName(dirName(file.path)) : dirName(file.path);
    const name = nameCount.get(slugify(own))! > 1 && above !== "" ? `${above}/${own}` : own;
    const scope = out.scope();
    const fd = scope.file(file.path, text);
    const run = newRun(uniqueSlug(slugify(name.replaceAll("/", "-")), taken), options.project, [file.path]);
    run.name = name;
    const history: ImportedHistory = { metrics: compiled.metrics.map((m) => m.metric), rows: [] };
    let unmatched = 0;
    let previousStep: number | null = null;
    let warned = false;
    const re = /[^\r\n]+/g;
    const matcher = compiled.regex.matcher("");
    for (let line = re.exec(text); line; line = re.exec(text)) {
      matcher.resetMatcherInput(line[0]);
      let matched = false;
      while (matcher.find()) {
        if (matcher.end() === matcher.start()) break;
        matched = true;
        // Groups that took no part in the match are absent, as with RegExp's `groups`.
        const g = ownRecord<string | undefined>();
        for (const [name, value] of Object.entries(matcher.getNamedGroups())) if (value !== null) setOwn(g, name, value);
        const at = (group: string): number => line!.index + (matcher.start(group) >= 0 ? matcher.start(group) : matcher.start());
        const step = cellValue(g.step ?? "");
        if (typeof step !== "number" || !Number.isFinite(step)) {
          fd.at(at("step"), "error", importMessages.badValue("the `step` group", JSON.stringify(g.step ?? "")));
          continue;
        }
        let time: number | null = null;
        if (compiled.hasTime && g.time !== undefined) {
          const t = cellValue(g.time);
          if (typeof t === "number" && Number.isFinite(t)) time = t;
          else fd.at(at("time"), "error", importMessages.badValue("the `time` group", JSON.stringify(g.time)));
        }
        const values: Record<string, number | null> = ownRecord<number | null>();
        for (const { group, metric } of compiled.metrics) {
          const raw = g[group];
          if (raw === undefined) continue;
          const v = cellValue(raw);
          if (v === undefined) fd.at(at(group), "error", importMessages.badValue(`the \`${group}\` group`, JSON.stringify(raw)));
          else if (v !== null) setOwn(values, metric, v);
        }
        if (previousStep !== null && step < previousStep && !warned) {
          fd.at(at("step"), "warning", importMessages.stepDecreases(previousStep, step));
          warned = true;
        }
        previousStep = step;
        const last = history.rows[history.rows.length - 1];
        if (last && last.step === step && (time === null || last.time === null || last.time === time) && Object.keys(values).every((k) => !(k in last.values))) {
          Object.assign(last.values, values);
          if (time !== null) last.time = time;
        } else history.rows.push({ step, time, values });
      }
      if (!matched) unmatched++;
    }
    if (history.rows.length === 0) fd.whole("error", importMessages.noRuns("log", `no line of ${file.path} matches the pattern`));
    out.skip(run.slug, "line", "does not match --pattern", unmatched);
    // Groups that never matched (an optional part absent from this log) are not metrics of this run.
    history.metrics = history.metrics.filter((m) => history.rows.some((r) => m in r.values));
    run.history = history;
    out.finish(scope, run);
  }
  return out.result();
}

export const logImporter: FormatImporter = {
  id: "log",
  detect: detectLog,
  wants,
  import: importLog,
};
