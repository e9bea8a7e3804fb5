/**
 * What an importer is given and what it is: the CLI (or a test, or a browser drop zone) lists the
 * files under the import root and reads the ones the importer `wants`; the importer itself is a pure
 * function of those files and never touches the disk.
 */
import type { ImportResult } from "./importedRun.ts";

export interface ImportFile {
  /** POSIX path relative to the import root, e.g. `version_12/metrics.csv`. */
  path: string;
  /** The file as text (UTF-8, BOM allowed); absent for files that were only listed. */
  text?: string;
  /** The raw bytes, for binary formats; absent for files that were only listed or read as text. */
  bytes?: Uint8Array;
}

export interface ImportOptions {
  /** Project the runs go into (`runs/<project>/`). */
  project: string;
  /**
   * Name of the import root folder, used as the run slug when a run sits at the root itself.
   * __Default value:__ the project.
   */
  rootName?: string;
  /** Regular expression with named groups, for the `log` format. */
  pattern?: string;
  /** W&B runs-table columns to read as config, whatever the inference says. */
  configColumns?: readonly string[];
  /** W&B runs-table columns to read as summary, whatever the inference says. */
  summaryColumns?: readonly string[];
}

export interface FormatImporter {
  id: string;
  /** True when the listing looks like this format. `head` gives the first line of a file, when asked. */
  detect(paths: readonly string[], head?: (path: string) => string | undefined): boolean;
  /**
   * True for files whose contents the importer reads; other files are only listed (and may be
   * reported as skipped). `head` gives a file's first line, for formats recognised by content.
   */
  wants(path: string, head?: (path: string) => string | undefined): boolean;
  /** True for files (images, audio, video) whose bytes the importer copies into the run folder. */
  wantsBytes?(path: string): boolean;
  import(files: readonly ImportFile[], options: ImportOptions): ImportResult;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function dirName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `a/b/c.txt` relative to `a` is `b/c.txt`; the root `""` contains everything. */
export function isUnder(path: string, dir: string): boolean {
  return dir === "" || path.startsWith(`${dir}/`);
}

/** The file's text without a BOM, or undefined when it was only listed. */
export function textOf(file: ImportFile): string | undefined {
  if (file.text !== undefined) return file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  if (file.bytes !== undefined) {
    const text = decodeText(file.bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  return undefined;
}

/**
 * A text file's bytes as a string: UTF-8, or UTF-16 when the file starts with its byte order mark
 * (what Windows PowerShell's `>` writes when a training script's output is redirected to a log).
 * The BOM is kept; `textOf` removes it.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
