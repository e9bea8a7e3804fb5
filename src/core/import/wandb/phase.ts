/**
 * What the W&B import phases share: the shape of a phase's result (a partial run plus the
 * sources it read, its skips and its diagnostics), the run folder's files, and the readers that
 * abort the run with a positioned diagnostic when a file cannot be read.
 */
import type { Diagnostic, Message } from "../../diagnostics.ts";
import { positionAt } from "../../diagnostics.ts";
import { wandbMessages } from "./messages.ts";
import { isPlainObject, parseJsonLoose, SkipCounter } from "./values.ts";
import { isLfsPointerBytes } from "../lfsPointer.ts";

export interface ImportFile {
  path: string;
  bytes: Uint8Array;
}

/** One run: its folder, the W&B files dir in it (`files/` or the folder itself) and its `.wandb` logs. */
export interface RunFolder {
  dir: string;
  filesDir: string;
  wandbLogs: string[];
}

/** The files of one run folder that the phases read; null when absent. */
export interface FolderFiles {
  log: string | null;
  extraLogs: string[];
  config: ImportFile | null;
  summary: ImportFile | null;
  metadata: ImportFile | null;
  history: ImportFile | null;
  output: ImportFile | null;
}

export interface Phase<T> {
  part: T;
  /** Files this phase read, in the order they become the run's `sources`. */
  sources: string[];
  skips: SkipCounter;
  diagnostics: Diagnostic[];
}

export function phase<T>(part: T, extra: Partial<Omit<Phase<T>, "part">> = {}): Phase<T> {
  return { part, sources: extra.sources ?? [], skips: extra.skips ?? new SkipCounter(), diagnostics: extra.diagnostics ?? [] };
}

/** Thrown by a phase when the run cannot be imported; carries the error diagnostic. */
export class RunAbort extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.diagnostic = diagnostic;
  }
}

export function fail(d: Diagnostic): never {
  throw new RunAbort(d);
}

export const dirname = (p: string): string => (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "");
export const basename = (p: string): string => p.slice(p.lastIndexOf("/") + 1);
export const join = (d: string, f: string): string => (d === "" ? f : `${d}/${f}`);

export function at(file: string, offset: number, severity: "error" | "warning", m: Message, binary: boolean, text?: string): Diagnostic {
  const pos = binary || text === undefined ? { line: 1, column: offset + 1 } : positionAt(text, offset);
  return { file, line: pos.line, column: pos.column, severity, code: m.code, message: m.message, ...(m.hint ? { hint: m.hint } : {}) };
}

const decoder = new TextDecoder("utf-8");

/** A text file's content without a BOM; a Git LFS pointer aborts the run. */
export function fileText(f: ImportFile): string {
  if (isLfsPointerBytes(f.bytes)) fail(at(f.path, 0, "error", wandbMessages.lfsPointer(), false, ""));
  let t = decoder.decode(f.bytes);
  if (t.charCodeAt(0) === 0xfeff) t = t.slice(1);
  return t;
}

/** A JSON file holding one object; anything else aborts the run. */
export function fileJson(f: ImportFile): Record<string, unknown> {
  const t = fileText(f);
  const r = parseJsonLoose(t);
  if (!r.ok) return fail(at(f.path, r.offset, "error", wandbMessages.jsonSyntax(r.message), false, t));
  if (!isPlainObject(r.value)) return fail(at(f.path, 0, "error", wandbMessages.notAnObject(basename(f.path)), false, t));
  return r.value;
}
