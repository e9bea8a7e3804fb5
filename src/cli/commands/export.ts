import { readRunTable } from "../../core/runs/readRunTable.ts";
import { compareText } from "../../core/format/compareText.ts";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { packageDir as appRoot } from "../packageDir.ts";
import { runColors } from "../../core/chart/index.ts";
import { formatDiagnostic, hasErrors } from "../../core/diagnostics.ts";
import { exportRunHref, standaloneHtml, unlinkRuns } from "../../core/export/standaloneHtml.ts";
import { decodeReport } from "../../core/files/readReportFiles.ts";
import { parseReport } from "../../core/report/parseReport.ts";
import { loadAllRuns, readHistory } from "../../core/runs/loadRuns.ts";
import { runDataReader } from "../../core/runs/loadRunData.ts";
import { chartBlocks, compileReport } from "../../core/report/compileReport.ts";
import { allowHtmlFromEnv } from "../../integration/options.ts";
import type { CommandIo } from "./check.ts";
import { inlineExportMedia } from "./exportMedia.ts";

const USAGE = `usage: runfolio export <reports/slug.md> -o <file.html> [--root <dir>] [--site <url>]

Writes one self-contained HTML file of a report: styles, the chart runtime, the charts' SVG and
data all inline, so it opens from disk with no network and its charts stay interactive. Run media
the report shows are inline too, up to 2 MB a file and 24 MB in all; larger files are named in a
warning and a note, and link to the site with --site (else show as placeholders).

  -o, --out <file>   where to write the file (required)
  --root <dir>       the folder holding runs/ and reports/ (default: the current directory)
  --site <url>       the published site's address: run names then link to its run pages
                     (without it they are plain text)

Report prose is sanitized as on the site; RUNFOLIO_ALLOW_HTML=1 keeps raw HTML (docs/security.md).
`;


/**
 * `runfolio export`: the site's report pipeline (`parseReport` → `compileReport` over
 * `loadAllRuns`/`readHistory`) run under Node, assembled into one file by core/export.
 * Returns the exit code: 0 (written), 1 (errors in runs or the report), 2 (bad usage).
 */
export async function exportCommand(args: string[], io: CommandIo): Promise<number> {
  let input: string | undefined;
  let out: string | undefined;
  let rootArg: string | undefined;
  let site: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string): string | undefined => {
      const eq = a.indexOf("=");
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined || v === "") io.stderr(`runfolio export: ${name} needs a value\n${USAGE}`);
      return v || undefined;
    };
    if (a === "--help" || a === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (a === "-o" || a === "--out" || a.startsWith("--out=")) {
      out = value("--out");
      if (!out) return 2;
    } else if (a === "--root" || a.startsWith("--root=")) {
      rootArg = value("--root");
      if (!rootArg) return 2;
    } else if (a === "--site" || a.startsWith("--site=")) {
      const v = value("--site");
      if (!v) return 2;
      try {
        site = new URL(v).href;
      } catch {
        io.stderr(`runfolio export: --site needs an absolute URL, got "${v}"\n`);
        return 2;
      }
    } else if (a.startsWith("-")) {
      io.stderr(`runfolio export: unknown option "${a}"\n${USAGE}`);
      return 2;
    } else if (input === undefined) {
      input = a;
    } else {
      io.stderr(`runfolio export: one report at a time (got "${input}" and "${a}")\n${USAGE}`);
      return 2;
    }
  }
  if (!input || !out) {
    io.stderr(`runfolio export: ${!input ? "name a report" : "-o <file.html> is required"}\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(io.cwd, rootArg ?? ".");
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`runfolio export: ${root} is not a folder\n`);
    return 2;
  }
  const reportPath = path.resolve(io.cwd, input);
  if (!existsSync(reportPath) || !statSync(reportPath).isFile()) {
    io.stderr(`runfolio export: ${input} is not a file\n`);
    return 2;
  }

  let allowHtml: boolean;
  try {
    allowHtml = allowHtmlFromEnv(io.env.RUNFOLIO_ALLOW_HTML);
  } catch (e) {
    io.stderr(`runfolio export: ${(e as Error).message}\n`);
    return 2;
  }
  const { runs, diagnostics: runDiagnostics } = await loadAllRuns(root);
  const file = path.relative(root, reportPath).split(path.sep).join("/");
  const decoded = decodeReport(file, await readFile(reportPath));
  if (!("text" in decoded)) {
    io.stderr(`${formatDiagnostic(decoded.diagnostic)}\n`);
    return 1;
  }
  const report = parseReport(file, decoded.text);
  const rendered = await compileReport(report, {
    runs,
    readHistory: (run) => readHistory(root, run),
    readRunData: runDataReader(root),
    readTable: (run, name) => readRunTable(root, run, name),
    colors: runColors(runs.map((r) => r.id).sort(compareText)),
    hrefForRun: exportRunHref(site),
    // Media names relative to nothing, each replaced below by its data: URI (exportMedia.ts).
    mediaBase: "",
    render: true,
  }, { allowHtml });
  const media = await inlineExportMedia(site ? rendered.html : unlinkRuns(rendered.html), runs, { root, site });
  const problems = [...runDiagnostics.filter((d) => d.severity === "error"), ...rendered.diagnostics, ...media.diagnostics];
  for (const d of problems) io.stderr(`${formatDiagnostic(d)}\n\n`);
  if (hasErrors(problems)) {
    io.stderr(`runfolio export: not written: fix the errors above (runfolio check lists them all)\n`);
    return 1;
  }

  const html = standaloneHtml({
    title: report.meta.title,
    description: report.meta.description,
    date: report.meta.date,
    authors: report.meta.authors,
    bodyHtml: media.html,
    css: await readStyles(),
    scripts: [
      ...(chartBlocks(rendered).length ? [await bundleClient("src/client/hydrateCharts.ts")] : []),
      // The runs tables' sorting, filtering and paging, when this version of the app has it.
      ...(rendered.scripts.has("table") && existsSync(path.join(appRoot, TABLE_SCRIPT)) ? [await bundleClient(TABLE_SCRIPT)] : []),
      ...(rendered.scripts.has("rows") ? [await bundleClient("src/client/rowsTable.ts")] : []),
      ...(rendered.scripts.has("media") ? [await bundleClient("src/client/mediaBlock.ts")] : []),
    ],
    ...(site ? { footer: `Exported with Runfolio from ${site}` } : {}),
  });
  const target = path.resolve(io.cwd, out);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(tmp, html);
  await rename(tmp, target);
  io.stdout(`wrote ${displayPath(io.cwd, target)} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)\n`);
  return 0;
}

const TABLE_SCRIPT = "src/client/runsTable.ts";

/** The site's stylesheets, in the order the layout imports them (those that exist). */
async function readStyles(): Promise<string> {
  const files = ["src/styles/site.css", "src/styles/components.css", "src/client/chart.css", "src/client/table.css", "src/client/rowsTable.css", "src/client/media/media.css"].filter((f) => existsSync(path.join(appRoot, f)));
  const parts = await Promise.all(files.map((f) => readFile(path.join(appRoot, f), "utf8")));
  return parts.join("\n");
}

/**
 * A browser entry (`src/client/hydrateCharts.ts`) and everything it loads lazily (vega, the
 * interpreter, the chart code) as one ES module: without code splitting, esbuild keeps the
 * dynamic imports lazy but in the same file. Minified, no source map, no legal-comment file: the
 * same sources, the same bytes.
 */
export async function bundleClient(entry: string): Promise<string> {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    entryPoints: [path.join(appRoot, entry)],
    absWorkingDir: appRoot,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    splitting: false,
    legalComments: "none",
    charset: "utf8",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

function displayPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}
