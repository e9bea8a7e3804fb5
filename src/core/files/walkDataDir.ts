/**
 * Lists the files under one folder of the data root (the folder holding `runs/` and `reports/`),
 * Node-only. Symbolic links are followed only while they stay inside the data root; a link that
 * leaves it, a link that leads back to a folder containing it (a loop), a link to nothing, a file
 * that is not a regular file, a name that is not UTF-8 and a hidden entry are not read, and each
 * is returned as a problem naming the entry, so nothing is dropped without a word.
 */
import { compareText } from "../format/compareText.ts";
import type { Dirent } from "node:fs";
import { readdir, readlink, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { withFileHandle } from "./boundedFiles.ts";

export type DataFileProblem =
  /** A symbolic link whose target resolves outside the data root; `target` is the link's text. */
  | { kind: "outside"; path: string; target: string }
  /** A symbolic link that leads back to one of its own folders, or a chain of links that never ends. */
  | { kind: "loop"; path: string; target: string }
  /** A symbolic link to something that does not exist. */
  | { kind: "broken"; path: string; target: string }
  /** A hidden file that looks like data, or a hidden folder (its name starts with "."). */
  | { kind: "hidden"; path: string; folder: boolean }
  /** A named pipe, socket or device with a data file's name: reading it could block forever. */
  | { kind: "special"; path: string; what: string }
  /** A name that is not valid UTF-8, shown with U+FFFD for the bad bytes. */
  | { kind: "badNameBytes"; path: string }
  /** Listing or resolving failed (permissions, …). */
  | { kind: "unreadable"; path: string; reason: string };

export interface WalkOptions {
  /** Whether a file with this name is read (say, `.json`, `.csv`, `.jsonl`). */
  wanted: (name: string) => boolean;
  /** Descend into sub-folders. __Default:__ `true`. */
  recursive?: boolean;
}

export interface WalkResult {
  /** Data-root-relative POSIX paths of wanted regular files (through links inside the root), sorted. */
  files: string[];
  problems: DataFileProblem[];
}

/**
 * Placeholders and operating-system litter, skipped without a warning: none of them can hold a
 * run, and warning about them in every project would teach people to ignore warnings.
 */
export const IGNORED_NAMES: ReadonlySet<string> = new Set([".git", ".gitkeep", ".keep", ".gitignore", ".gitattributes", ".DS_Store"]);

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

/** `dir` (e.g. "runs") under `root`; a missing folder has no files and no problems. */
export async function walkDataDir(root: string, dir: string, options: WalkOptions): Promise<WalkResult> {
  // Directory listings hold a handle each: they share the loaders' process-wide gate.
  const io = withFileHandle;
  const files: string[] = [];
  const problems: DataFileProblem[] = [];
  const realRoot = await realpath(root);
  const inside = (real: string): boolean => real === realRoot || real.startsWith(realRoot + path.sep);

  /** Resolves a link (or the walked folder itself when it is one); null after recording why it is not followed. */
  const resolveLink = async (rel: string, ancestors: readonly string[]): Promise<{ real: string; isDir: boolean; isFile: boolean } | null> => {
    const absolute = path.join(root, rel);
    const target = await io(() => readlink(absolute)).catch(() => "?");
    let real: string;
    try {
      real = await io(() => realpath(absolute));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ELOOP") problems.push({ kind: "loop", path: rel, target });
      else if (code === "ENOENT") problems.push({ kind: "broken", path: rel, target });
      else problems.push({ kind: "unreadable", path: rel, reason: code ?? String(e) });
      return null;
    }
    if (!inside(real)) {
      problems.push({ kind: "outside", path: rel, target });
      return null;
    }
    const info = await io(() => stat(real));
    if (info.isDirectory() && ancestors.some((a) => real === a || a.startsWith(real + path.sep))) {
      problems.push({ kind: "loop", path: rel, target });
      return null;
    }
    return { real, isDir: info.isDirectory(), isFile: info.isFile() };
  };

  const visit = async (rel: string, real: string, ancestors: readonly string[]): Promise<void> => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await io(() => readdir(path.join(root, rel), { withFileTypes: true, encoding: "buffer" }));
    } catch (e) {
      problems.push({ kind: "unreadable", path: rel, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
      return;
    }
    const chain = [...ancestors, real];
    await Promise.all(
      entries.map(async (entry) => {
        let name: string;
        try {
          name = utf8.decode(entry.name);
        } catch {
          problems.push({ kind: "badNameBytes", path: `${rel}/${lossy.decode(entry.name)}` });
          return;
        }
        if (IGNORED_NAMES.has(name)) return;
        const child = `${rel}/${name}`;
        const hidden = name.startsWith(".");
        let isDir = entry.isDirectory();
        let isFile = entry.isFile();
        let childReal = path.join(real, name);
        if (hidden) {
          // Hidden files are reported only when they look like data; hidden folders always (they may hold runs).
          if (isDir || options.wanted(name.replace(/^\.+/, "")) || options.wanted(name)) problems.push({ kind: "hidden", path: child, folder: isDir });
          return;
        }
        if (entry.isSymbolicLink()) {
          // A link is only judged when what it leads to would be read: a folder, or a wanted file.
          if (!options.wanted(name)) {
            const info = await io(() => stat(path.join(root, child))).catch(() => null);
            if (!info?.isDirectory() || !(options.recursive ?? true)) return;
          }
          const resolved = await resolveLink(child, chain);
          if (!resolved) return;
          ({ real: childReal, isDir, isFile } = resolved);
        }
        if (isDir) {
          if (options.recursive ?? true) await visit(child, childReal, chain);
          return;
        }
        if (!options.wanted(name)) return;
        if (isFile) files.push(child);
        else problems.push({ kind: "special", path: child, what: "not a regular file (a named pipe, socket or device)" });
      }),
    );
  };

  const top = dir;
  try {
    const info = await stat(path.join(root, top));
    if (!info.isDirectory()) return { files, problems };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      // A dangling `runs` link is a problem; a project without the folder is not.
      const link = await readlink(path.join(root, top)).catch(() => null);
      if (link !== null) problems.push({ kind: "broken", path: top, target: link });
      return { files, problems };
    }
    if (code === "ELOOP") problems.push({ kind: "loop", path: top, target: await readlink(path.join(root, top)).catch(() => "?") });
    else problems.push({ kind: "unreadable", path: top, reason: code ?? String(e) });
    return { files, problems };
  }
  const resolvedTop = await resolveLink(top, [realRoot]).catch(() => null);
  if (!resolvedTop) return { files, problems };
  await visit(top, resolvedTop.real, [realRoot]);
  return { files: files.sort(compareText), problems: problems.sort((a, b) => compareText(a.path, b.path)) };
}
