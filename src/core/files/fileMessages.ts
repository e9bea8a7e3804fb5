/**
 * Messages for problems with the files of the data root (unreadable, hidden, symlinked, badly
 * named, not UTF-8), which loading runs and reading reports both meet. They carry RUN codes and
 * the runs' catalog lists them with the rest; they live here so files/ needs nothing from runs/,
 * which builds on it. Codes are permanent.
 */
import type { Message } from "../diagnostics.ts";

export const fileMessages = {
  unreadable: (reason: string): Message => ({
    code: "RUN028",
    message: `cannot read file: ${reason}`,
  }),
  symlinkOutside: (target: string): Message => ({
    code: "RUN033",
    message: `symbolic link to "${target}" leads outside the data root (the folder holding runs/ and reports/); it is not read`,
    hint: "copy the file or folder into the repository, or point the link at a place inside it",
  }),
  symlinkLoop: (target: string): Message => ({
    code: "RUN034",
    message: `symbolic link to "${target}" makes a loop: it leads back to a folder that contains it; it is not followed`,
    hint: "remove the link, or point it at a folder that does not contain it",
  }),
  hiddenSkipped: (folder: boolean): Message => ({
    code: "RUN035",
    message: folder ? "hidden folder (its name starts with \".\") is not read" : "hidden file (its name starts with \".\") is not read",
    hint: "rename it without the leading dot if it holds runs; .git, .gitkeep, .keep, .gitignore, .gitattributes and .DS_Store are skipped without a warning",
  }),
  badName: (name: string, reason: string): Message => ({
    code: "RUN036",
    message: `name "${name}" cannot be published: ${reason}`,
    hint: "rename it; letters, digits, spaces, unicode and - _ . + = , ; @ ( ) [ ] ~ ! ' & $ work in every place a run is published",
  }),
  nameCollision: (name: string, other: string, how: string): Message => ({
    code: "RUN037",
    message: `"${name}" and "${other}" differ ${how}`,
    hint: "rename one of them",
  }),
  notUtf8: (found: string, encoding: string): Message => ({
    code: "RUN038",
    message: `file is not UTF-8 text: found ${found}, which looks like ${encoding}`,
    hint: "re-save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`, `iconv -f UTF-16 -t UTF-8`, or your editor's \"save with encoding\")",
  }),
} as const;
