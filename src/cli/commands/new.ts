/**
 * `runfolio new <slug>`: the disk side of a new report. Parse the arguments, load the runs, let
 * core plan and write the text (src/core/newReport), then create `reports/<slug>.md` — never over
 * an existing file — and say what was written and how to preview it.
 */
import { compareText } from "../../core/format/compareText.ts";
import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { packageDir as appRoot } from "../packageDir.ts";
import { blockMessages } from "../../core/blocks/messages.ts";
import { caretExcerpt, formatDiagnostic, positionAt, type Diagnostic } from "../../core/diagnostics.ts";
import { newReport } from "../../core/newReport/newReport.ts";
import type { ReportPlan } from "../../core/newReport/planReport.ts";
import { checkSlug } from "../../core/newReport/reportSlug.ts";
import { expressionString } from "../../core/newReport/yamlText.ts";
import type { ExpressionError } from "../../core/query/index.ts";
import type { Run } from "../../core/run.ts";
import { loadAllRuns } from "../../core/runs/loadRuns.ts";
import type { CommandIo } from "./check.ts";

const USAGE = `usage: runfolio new <slug> [--title <text>] [--runs <expression>] [--root <dir>]

Writes reports/<slug>.md, a report to start from, built from the runs under runs/: front matter,
a chart of the main metric, a table of the runs with the config keys that vary between them, and
a comparison of the two best runs. An existing file is never overwritten.
Exits with 1 when the file exists or --runs is invalid or selects no run, 2 for bad usage.

  --title <text>       the report's title (default: the slug in words)
  --runs <expression>  its run set (docs/expressions.md; default: the project with the most runs)
  --root <dir>         the folder holding runs/ and reports/ (default: the current directory)
`;


interface NewArgs {
  slug: string;
  title: string | null;
  runs: string | null;
  root: string;
}

function parseArgs(args: string[]): NewArgs | { exit: number; stdout?: string; stderr?: string } {
  const positional: string[] = [];
  const options: Record<"title" | "runs" | "root", string | null> = { title: null, runs: null, root: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (flag === "--help" || flag === "-h") return { exit: 0, stdout: USAGE };
    if (flag === "--title" || flag === "--runs" || flag === "--root") {
      const value = a.startsWith("--") && eq > 0 ? a.slice(eq + 1) : args[++i];
      // An empty --runs goes on to the expression parser, whose EXPR001 says what is wrong.
      if (value === undefined || (value === "" && flag !== "--runs")) return { exit: 2, stderr: `runfolio new: ${flag} needs a value\n\n${USAGE}` };
      options[flag.slice(2) as "title" | "runs" | "root"] = value;
    } else if (a.startsWith("-") && a !== "-") {
      return { exit: 2, stderr: `runfolio new: unknown option "${a}"\n\n${USAGE}` };
    } else positional.push(a);
  }
  if (positional.length !== 1) {
    const found = positional.length === 0 ? "none" : positional.map((p) => JSON.stringify(p)).join(", ");
    return { exit: 2, stderr: `runfolio new: expected one report name (the <slug> of reports/<slug>.md), found ${found}\n\n${USAGE}` };
  }
  return { slug: positional[0]!, title: options.title, runs: options.runs, root: options.root ?? "." };
}

/**
 * Returns the exit code: 0 (written), 1 (the file exists, or --runs is invalid or selects no
 * run), 2 (bad usage: arguments, report name, root folder). `now` is the clock (tests fix it).
 */
export async function newCommand(args: string[], io: CommandIo, now: () => Date = () => new Date()): Promise<number> {
  const parsed = parseArgs(args);
  if ("exit" in parsed) {
    if (parsed.stdout) io.stdout(parsed.stdout);
    if (parsed.stderr) io.stderr(parsed.stderr);
    return parsed.exit;
  }
  const slug = checkSlug(parsed.slug);
  if (!slug.ok) {
    const hint = slug.suggestion ? `\n  hint: try \`runfolio new ${slug.suggestion}\`` : "";
    io.stderr(`runfolio new: ${slug.message}${hint}\n`);
    return 2;
  }
  const root = path.resolve(io.cwd, parsed.root);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`runfolio new: ${root} is not a folder\n`);
    return 2;
  }
  if (!existsSync(path.join(root, "runs")) && !existsSync(path.join(root, "reports"))) {
    // Most likely the wrong folder: a stray reports/ there would help no one.
    io.stderr(`runfolio new: ${root} has neither runs/ nor reports/ (use --root <dir>, or create reports/ there first)\n`);
    return 2;
  }

  const target = path.join(root, "reports", `${parsed.slug}.md`);
  const shown = displayPath(io.cwd, target);
  // Checked before loading runs, for a quick answer; the exclusive write below closes the race.
  if (existsSync(target)) return refuseExisting(io, shown);

  const { runs, diagnostics } = await loadAllRuns(root);
  const result = newReport({ slug: parsed.slug, title: parsed.title, runSet: parsed.runs, runs, now: now() });
  if (!result.ok) {
    if (result.kind === "badSlug") throw new Error("unreachable: the slug was checked above");
    const d = result.kind === "badExpression" ? expressionDiagnostic(result.expression, result.error) : selectsNothingDiagnostic(result.expression, runs);
    io.stderr(`${formatDiagnostic(d)}\n\nrunfolio new: not written: fix --runs (the diagnostic above)\n`);
    return 1;
  }

  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(target, result.text, { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return refuseExisting(io, shown);
    throw e;
  }
  const broken = diagnostics.filter((d) => d.severity === "error").length;
  if (broken > 0) io.stderr(`runfolio new: ${broken} error(s) in run files: those runs are left out (runfolio check lists them)\n`);
  io.stdout(`wrote ${shown}: ${describe(result.plan)}\n`);
  io.stdout(`preview: ${previewCommand(io, root)}, then open ${previewUrl(io, parsed.slug)}\n`);
  return 0;
}

function refuseExisting(io: CommandIo, shown: string): number {
  io.stderr(`runfolio new: ${shown} already exists and was not changed (choose another name, or delete the file first)\n`);
  return 1;
}

/** A `--runs` parse error as `runfolio check` prints one: `--runs:1:13: error EXPR008: …`, caret, hint. */
function expressionDiagnostic(expression: string, error: ExpressionError): Diagnostic {
  const offset = Math.min(Math.max(0, error.offset), expression.length);
  const { line, column } = positionAt(expression, offset);
  const lineEnd = expression.slice(offset).search(/[\r\n]|$/) + offset;
  const length = Math.max(1, Math.min(error.length, lineEnd - offset));
  return {
    file: "--runs",
    line,
    column,
    severity: "error",
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    excerpt: caretExcerpt(expression, line, column, length),
  };
}

/** A valid `--runs` that selects none of the runs: the block error the report would get (BLOCK008). */
function selectsNothingDiagnostic(expression: string, runs: readonly Run[]): Diagnostic {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.project, (counts.get(r.project) ?? 0) + 1);
  const projects = [...counts].sort(([a], [b]) => compareText(a, b)).map(([p, n]) => `${p} (${n})`);
  const firstLine = expression.split(/\r\n|\r|\n/)[0]!;
  return {
    file: "--runs",
    line: 1,
    column: 1,
    severity: "error",
    ...blockMessages.emptyRunSet(expression),
    hint: `the ${runs.length} run(s) are in the project(s) ${projects.join(", ")}; e.g. --runs 'project = ${expressionString([...counts.keys()].sort(compareText)[0]!)}'`,
    excerpt: caretExcerpt(expression, 1, 1, Math.max(1, firstLine.length)),
  };
}

/** `12 runs (project = "nanogpt"): a chart of val/loss, a runs table, a comparison of the two best`. */
function describe(plan: ReportPlan): string {
  if (plan.selected.length === 0) return "there are no runs under runs/ yet, so its chart and table are commented-out guidance in the file";
  const n = plan.selected.length;
  const parts: string[] = [];
  if (plan.chart) parts.push(`a ${plan.chart.kind} chart of ${oneLine(plan.metric!.name)}`);
  parts.push(`a runs table of ${plan.table.columns.length} columns`);
  if (plan.compare) parts.push("a comparison of the two best runs");
  return `${n} run${n === 1 ? "" : "s"} (${oneLine(plan.runSet ?? "")}): ${parts.join(", ")}`;
}

/** Run data in a one-line message: quoted when it holds line breaks or other control characters. */
const oneLine = (s: string) => (/[\u0000-\u001f\u007f]/.test(s) ? JSON.stringify(s) : s);

/** `npm run dev` in this repository (the example site); `npx runfolio dev` in any other. */
function previewCommand(io: CommandIo, root: string): string {
  if (path.resolve(root) === appRoot) return path.resolve(io.cwd) === appRoot ? "npm run dev" : `npm --prefix ${shellQuote(displayPath(io.cwd, appRoot))} run dev`;
  return path.resolve(root) === path.resolve(io.cwd) ? "npx runfolio dev" : `npx runfolio dev --root ${shellQuote(displayPath(io.cwd, root))}`;
}

function previewUrl(io: CommandIo, slug: string): string {
  const base = `/${(io.env.RUNFOLIO_BASE ?? "").replace(/^\/+|\/+$/g, "")}/`.replace(/^\/\/$/, "/");
  return `http://localhost:4321${base}reports/${slug}/`;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file).split(path.sep).join("/");
}
