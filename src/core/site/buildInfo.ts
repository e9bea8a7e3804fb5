/**
 * Which commit a site was built from, and the links that follow from it: the commit's page and
 * each source file at that commit on the forge (GitHub, GitLab, Bitbucket; see forgeUrl.ts).
 * Pure: the integration reads git once (src/integration/readBuildInfo.ts) and hands the result
 * to the pages, so the same checkout always gives the same bytes.
 */
import { commitUrl, forgeFileUrl } from "../explore/forgeUrl.ts";

export interface BuildInfo {
  /** The full hash of the commit checked out (or `GITHUB_SHA` in GitHub Actions). */
  commit: string;
  /** The repository's remote as git spells it (`origin`), or null when none is known. */
  remote: string | null;
  /** Where the data root sits in the repository: `""` at its top, else `sub/dir/`. */
  dataPrefix: string;
  /** Data-root-relative files that differ from the commit (changed or not committed), sorted. */
  uncommitted: string[];
}

/** What a page shows about a source file of a run. */
export type SourceFileLink =
  /** Published with the site (`copySourceFiles`): a link to the copy. */
  | { kind: "copy"; file: string }
  /** The file's page at the built commit on the forge, and its bytes. */
  | { kind: "forge"; file: string; repoPath: string; url: string; rawUrl: string }
  /** Not published and not linkable: where it is in the repository, and why. */
  | { kind: "path"; file: string; repoPath: string; reason: "no-remote" | "uncommitted" | "no-git" };

export interface BuildLinks {
  /** The first 7 hex digits, as forges show a commit; null outside a git checkout. */
  shortCommit: string | null;
  commit: string | null;
  /** The commit's page on the forge, or null (no remote, or an unknown host). */
  commitUrl: string | null;
  /** Whether run or report files differ from the commit (the site shows more than it has). */
  uncommitted: boolean;
  /** How to reach a run's source file (data-root-relative path, as in `run.source.files`). */
  sourceFile(file: string): SourceFileLink;
}

export function buildLinks(info: BuildInfo | null, copySourceFiles: boolean): BuildLinks {
  const uncommitted = new Set(info?.uncommitted ?? []);
  return {
    shortCommit: info ? info.commit.slice(0, 7) : null,
    commit: info?.commit ?? null,
    commitUrl: info ? commitUrl(info.remote, info.commit) : null,
    uncommitted: uncommitted.size > 0,
    sourceFile(file) {
      if (copySourceFiles) return { kind: "copy", file };
      const repoPath = (info?.dataPrefix ?? "") + file;
      if (!info) return { kind: "path", file, repoPath, reason: "no-git" };
      if (uncommitted.has(file)) return { kind: "path", file, repoPath, reason: "uncommitted" };
      const url = forgeFileUrl(info.remote, info.commit, repoPath, "blob");
      const rawUrl = forgeFileUrl(info.remote, info.commit, repoPath, "raw");
      return url && rawUrl ? { kind: "forge", file, repoPath, url, rawUrl } : { kind: "path", file, repoPath, reason: "no-remote" };
    },
  };
}

/**
 * `git status --porcelain=v1 -z` output (paths from the repository's top) → the files under the
 * data root that differ from the commit, relative to the data root. A rename counts by its new
 * name; its old name follows it as an extra NUL-separated field, skipped here.
 */
export function parseUncommitted(porcelain: string, dataPrefix: string): string[] {
  const out: string[] = [];
  const fields = porcelain.split("\0");
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i]!;
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    const file = entry.slice(3);
    if (status[0] === "R" || status[0] === "C") i++;
    if (file.startsWith(dataPrefix)) out.push(file.slice(dataPrefix.length));
  }
  return out.sort();
}
