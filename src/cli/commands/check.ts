import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { checkProject } from "../../check/checkProject.ts";
import { formatDiagnostic, type Diagnostic } from "../../core/diagnostics.ts";
import { allowHtmlFromEnv } from "../../integration/options.ts";

export interface CommandIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `usage: runfolio check [--root <dir>]

Checks every run file under runs/ and every block of every report under reports/ without
building the site, and lists each problem as \`path:line:col: severity CODE: message\`.
Exits with 1 when there is an error, 0 when there are only warnings or none.
In GitHub Actions (GITHUB_ACTIONS=true) each problem is also an annotation on the pull request.
With RUNFOLIO_ALLOW_HTML=1 raw HTML in reports is kept, as the site then keeps it (docs/security.md).

  --root <dir>   the folder holding runs/ and reports/ (default: the current directory)
`;

/**
 * `runfolio check`: the build's first pass on its own, for CI and editors. Returns the exit code:
 * 0 (no errors), 1 (errors found), 2 (bad usage).
 */
export async function checkCommand(args: string[], io: CommandIo): Promise<number> {
  let rootArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--help" || a === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (a === "--root") {
      rootArg = args[++i];
      if (rootArg === undefined || rootArg === "") {
        io.stderr(`runfolio check: --root needs a folder\n${USAGE}`);
        return 2;
      }
    } else if (a.startsWith("--root=")) {
      rootArg = a.slice("--root=".length);
    } else {
      io.stderr(`runfolio check: unknown argument "${a}"\n${USAGE}`);
      return 2;
    }
  }
  const root = path.resolve(io.cwd, rootArg ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`runfolio check: ${root} is not a folder\n`);
    return 2;
  }
  if (!existsSync(path.join(root, "runs")) && !existsSync(path.join(root, "reports"))) {
    // Most likely a wrong --root or working directory in CI: an empty pass would hide that.
    io.stderr(`runfolio check: ${root} has neither runs/ nor reports/ (use --root <dir>)\n`);
    return 2;
  }

  let allowHtml: boolean;
  try {
    allowHtml = allowHtmlFromEnv(io.env.RUNFOLIO_ALLOW_HTML);
  } catch (e) {
    io.stderr(`runfolio check: ${(e as Error).message}\n`);
    return 2;
  }
  const result = await checkProject(root, { allowHtml });
  const list = result.diagnostics;
  for (const d of list) io.stdout(`${formatDiagnostic(d)}\n\n`);
  if (io.env.GITHUB_ACTIONS === "true") {
    const workspace = io.env.GITHUB_WORKSPACE ? path.resolve(io.cwd, io.env.GITHUB_WORKSPACE) : io.cwd;
    for (const d of list) io.stdout(`${workflowCommand(d, annotationPath(workspace, root, d.file))}\n`);
  }
  io.stdout(`${countLine(list, result.runs, result.reports)}\n`);
  return list.some((d) => d.severity === "error") ? 1 : 0;
}

/** `runfolio check: 2 errors, 1 warning in 27 runs and 2 reports` (or `… no problems …`). */
export function countLine(list: readonly Diagnostic[], runs: number, reports: number): string {
  const errors = list.filter((d) => d.severity === "error").length;
  const warnings = list.length - errors;
  const scope = `${plural(runs, "run")} and ${plural(reports, "report")}`;
  if (list.length === 0) return `runfolio check: no problems in ${scope}`;
  return `runfolio check: ${plural(errors, "error")}, ${plural(warnings, "warning")} in ${scope}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The diagnostic's file as GitHub wants it: relative to the checked-out repository, POSIX. */
function annotationPath(workspace: string, root: string, file: string): string {
  const rel = path.relative(workspace, path.resolve(root, file));
  return rel.split(path.sep).join("/");
}

/**
 * `::error file=…,line=…,col=…,title=CODE::message` — a GitHub Actions workflow command that
 * becomes an annotation on the file and line. The hint, when there is one, follows on its own line.
 */
export function workflowCommand(d: Diagnostic, file: string): string {
  const props = [`file=${escapeProperty(file)}`, `line=${d.line}`, `col=${d.column}`, `title=${escapeProperty(d.code)}`];
  const text = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${escapeData(text)}`;
}

/** Escaping of a workflow command's message (as @actions/core does it). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a workflow command's property values: the message escapes plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
