/**
 * The report files of a data root, Node-only: `reports/*.md` found by `walkDataDir` (so links
 * leaving the root, loops and hidden reports are diagnostics, not silent) and read as UTF-8 text,
 * at most 32 at a time. Shared by `runfolio check` (and the build's check) and the content loader.
 */
import path from "node:path";
import { reportMessages } from "../blocks/messages.ts";
import { compareDiagnostics, type Diagnostic } from "../diagnostics.ts";
import { decodeUtf8, NotUtf8Error } from "./decodeText.ts";
import { diagnosticAt, encodingDiagnostic, fileProblemDiagnostic } from "./fileDiagnostics.ts";
import { readFileBounded } from "./boundedFiles.ts";
import { mapLimit } from "./limitConcurrency.ts";
import { walkDataDir } from "./walkDataDir.ts";

export const REPORTS_DIR = "reports";

export interface ReportFile {
  /** Data-root-relative path, `reports/<slug>.md`. */
  file: string;
  text: string;
}

/** Every report's text, sorted by path, plus a diagnostic for each report file that is not read. */
export async function readReportFiles(root: string): Promise<{ reports: ReportFile[]; diagnostics: Diagnostic[] }> {
  const walked = await walkDataDir(root, REPORTS_DIR, { wanted: (name) => name.endsWith(".md") });
  const diagnostics = walked.problems.map((p) => fileProblemDiagnostic(p, reportMessages.notRead));
  // Sub-folders are walked only to name the reports in them, which are not read.
  const nested = walked.files.filter((f) => f.split("/").length > 2);
  for (const file of nested) diagnostics.push(diagnosticAt(file, 1, 1, "warning", reportMessages.nestedReport()));
  const direct = walked.files.filter((f) => f.split("/").length === 2);
  const read = await mapLimit(direct, 32, async (file) => decodeReport(file, (await readFileBounded(path.join(root, file))).bytes));
  const reports: ReportFile[] = [];
  for (const r of read) {
    if ("text" in r) reports.push(r);
    else diagnostics.push(r.diagnostic);
  }
  return { reports, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/** A report's text, or the diagnostic saying it is not UTF-8. */
export function decodeReport(file: string, bytes: Uint8Array): ReportFile | { file: string; diagnostic: Diagnostic } {
  try {
    return { file, text: decodeUtf8(bytes) };
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    return { file, diagnostic: encodingDiagnostic(file, e.problem, reportMessages.notUtf8) };
  }
}

