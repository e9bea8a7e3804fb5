/**
 * Diagnostics for files of the data root that are not read (from `walkDataDir`) or not UTF-8
 * (from `decodeUtf8`). Run files take the RUN codes; reports wrap the same text in REPORT codes.
 */
import { boundMessage, type Diagnostic, type Message, type Severity } from "../diagnostics.ts";
import { fileMessages } from "./fileMessages.ts";
import type { EncodingProblem } from "./decodeText.ts";
import { visibleName } from "./fileNames.ts";
import type { DataFileProblem } from "./walkDataDir.ts";

export function fileProblemMessage(p: DataFileProblem): { severity: Severity; message: Message } {
  switch (p.kind) {
    case "outside":
      return { severity: "error", message: fileMessages.symlinkOutside(p.target) };
    case "loop":
      return { severity: "error", message: fileMessages.symlinkLoop(p.target) };
    case "broken":
      return { severity: "error", message: fileMessages.unreadable(`it is a symbolic link to "${p.target}", which does not exist`) };
    case "hidden":
      return { severity: "warning", message: fileMessages.hiddenSkipped(p.folder) };
    case "special":
      return { severity: "error", message: fileMessages.unreadable(p.what) };
    case "badNameBytes":
      return { severity: "error", message: fileMessages.badName(visibleName(p.path.slice(p.path.lastIndexOf("/") + 1)), "it is not valid UTF-8 (the bad bytes are shown as \uFFFD)") };
    case "unreadable":
      return { severity: "error", message: fileMessages.unreadable(p.reason) };
  }
}

export function diagnosticAt(file: string, line: number, column: number, severity: Severity, message: Message): Diagnostic {
  const m = boundMessage(message);
  const d: Diagnostic = { file, line, column, severity, code: m.code, message: m.message };
  if (m.hint !== undefined) d.hint = m.hint;
  return d;
}

/** The diagnostic of a data-root entry that is not read, with `wrap` turning the runs' message into another catalog's. */
export function fileProblemDiagnostic(p: DataFileProblem, wrap: (m: Message) => Message = (m) => m): Diagnostic {
  const { severity, message } = fileProblemMessage(p);
  return diagnosticAt(visibleName(p.path), 1, 1, severity, wrap(message));
}

/** The diagnostic of a file that is not UTF-8, at its first bad byte. */
export function encodingDiagnostic(file: string, p: EncodingProblem, wrap: (m: Message) => Message = (m) => m): Diagnostic {
  return diagnosticAt(file, p.line, p.column, "error", wrap(fileMessages.notUtf8(p.found, p.encoding)));
}
