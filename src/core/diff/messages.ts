/**
 * Message catalog of `runfolio diff` and `runfolio comment`. Codes are permanent: a code is never
 * reused for a different problem.
 */
import type { Message } from "../diagnostics.ts";

export const diffMessages = {
  notInRepository: (root: string, detail: string): Message => ({
    code: "DIFF001",
    message: `${root} is not inside a git repository (${detail})`,
    hint: "run `runfolio diff` in a clone of the repository, or point --root at the folder holding runs/ and reports/ in one",
  }),
  unknownRevision: (rev: string): Message => ({
    code: "DIFF002",
    message: `"${rev}" names no commit in this repository`,
    hint: "give a branch, tag or commit; in CI fetch the history first (actions/checkout with fetch-depth: 0)",
  }),
  noDefaultBranch: (): Message => ({
    code: "DIFF003",
    message: "no base revision given and no default branch found (tried origin/HEAD, origin/main, origin/master, main, master)",
    hint: "name the base: `runfolio diff main`; in CI fetch the target branch (actions/checkout with fetch-depth: 0)",
  }),
  gitFailed: (detail: string): Message => ({
    code: "DIFF004",
    message: `git failed: ${detail}`,
  }),
  commentContext: (missing: string): Message => ({
    code: "DIFF005",
    message: `runfolio comment runs in a pull request's workflow; ${missing} is not set`,
    hint: "run it in a workflow triggered by pull_request, with GITHUB_TOKEN in its environment and `pull-requests: write` permission",
  }),
  commentRequestFailed: (what: string, status: number, detail: string): Message => ({
    code: "DIFF006",
    message: `GitHub answered ${status} to ${what}: ${detail}`,
    hint: status === 403 || status === 404 ? "the workflow's token needs `pull-requests: write` (pull requests from forks get a read-only token)" : undefined,
  }),
  noCommentBody: (file: string, detail: string): Message => ({
    code: "DIFF007",
    message: `cannot read the comment body ${file}: ${detail}`,
    hint: "write it first with `runfolio diff --md --out <file>`",
  }),
};
