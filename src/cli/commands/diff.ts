import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Message } from "../../core/diagnostics.ts";
import { diffSnapshots } from "../../core/diff/diffSnapshots.ts";
import type { RevisionLabels } from "../../core/diff/diffWords.ts";
import { formatDiffMarkdown } from "../../core/diff/formatDiffMarkdown.ts";
import { formatDiffText } from "../../core/diff/formatDiffText.ts";
import { defaultBranch, GitError, locateDataRoot, mergeBase, resolveCommit, type DataRootInRepo } from "../../core/diff/gitRevision.ts";
import { snapshotAtCommit, snapshotOfWorkingTree, type Snapshot } from "../../core/diff/loadSnapshot.ts";
import { diffMessages } from "../../core/diff/messages.ts";
import type { CommandIo } from "./check.ts";
import { chartsDirFor, writeDiffCharts } from "./diffChartFiles.ts";

const USAGE = `usage: runfolio diff [<base>] [<head>] [--root <dir>] [--md] [--out <file>]

Compares the runs and reports of two revisions, read straight from git (nothing is checked out,
the working tree is not touched): runs added, removed and changed (config keys, summary metrics
with their deltas), reports whose text or selected runs changed, and each new run against the
runs it most resembles (its group, else its project's runs tagged "baseline").

  <base>         a branch, tag or commit (default: the merge-base of HEAD with the default branch:
                 GITHUB_BASE_REF in a pull request's workflow, else origin/HEAD, main or master)
  <head>         a branch, tag or commit (default: the working tree as it is on disk)
  --root <dir>   the folder holding runs/ and reports/ (default: the current directory)
  --md           markdown for a pull-request comment, under GitHub's 65,536-character limit
  --out <file>   write to this file instead of standard output; with --md, also a PNG chart per
                 main metric of each changed and new run (base dashed, head solid) into
                 <file>-charts/ beside it (diff.md → diff-charts/diff-1.png, …), linked from it
`;

interface DiffArgs {
  revs: string[];
  root: string;
  md: boolean;
  out: string | null;
}

function parseArgs(args: readonly string[]): DiffArgs | string {
  const parsed: DiffArgs = { revs: [], root: ".", md: false, out: null };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string): string | null => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1) || null;
      const next = args[++i];
      return next === undefined || next === "" ? null : next;
    };
    if (a === "--md") parsed.md = true;
    else if (a === "--root" || a.startsWith("--root=")) {
      const v = value("--root");
      if (v === null) return "--root needs a folder";
      parsed.root = v;
    } else if (a === "--out" || a.startsWith("--out=")) {
      const v = value("--out");
      if (v === null) return "--out needs a file";
      parsed.out = v;
    } else if (a.startsWith("-")) return `unknown option "${a}"`;
    else parsed.revs.push(a);
  }
  if (parsed.revs.length > 2) return `expected at most two revisions, found ${parsed.revs.length}`;
  return parsed;
}

const short = (commit: string) => commit.slice(0, 7);

function fail(io: CommandIo, m: Message): number {
  io.stderr(`runfolio diff: error ${m.code}: ${m.message}\n${m.hint ? `  hint: ${m.hint}\n` : ""}`);
  return 2;
}

/** `runfolio diff`: 0 when the comparison was written, 2 when it could not be made. */
export async function diffCommand(args: string[], io: CommandIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`runfolio diff: ${parsed}\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(io.cwd, parsed.root);
  let where: DataRootInRepo;
  try {
    where = await locateDataRoot(root);
  } catch (e) {
    return fail(io, diffMessages.notInRepository(root, (e as Error).message));
  }
  let base: Snapshot;
  let head: Snapshot;
  const labels: RevisionLabels = { base: "", head: "working tree" };
  try {
    const [baseRev, headRev] = parsed.revs;
    let headCommit: string | null = null;
    if (headRev !== undefined) {
      headCommit = await resolveOrFail(where.top, headRev);
      labels.head = `${headRev} (${short(headCommit)})`;
    }
    let baseCommit: string;
    if (baseRev !== undefined) {
      baseCommit = await resolveOrFail(where.top, baseRev);
      labels.base = `${baseRev} (${short(baseCommit)})`;
    } else {
      const branch = await defaultBranch(where.top, io.env);
      if (branch === null) return fail(io, diffMessages.noDefaultBranch());
      baseCommit = await mergeBase(where.top, branch, headCommit ?? "HEAD");
      labels.base = `merge-base with ${branch} (${short(baseCommit)})`;
    }
    [base, head] = await Promise.all([snapshotAtCommit(where, baseCommit), headCommit ? snapshotAtCommit(where, headCommit) : snapshotOfWorkingTree(root)]);
  } catch (e) {
    if (e instanceof RevisionError) return fail(io, diffMessages.unknownRevision(e.rev));
    if (e instanceof GitError) return fail(io, diffMessages.gitFailed(e.message));
    throw e;
  }
  const diff = await diffSnapshots(base, head);
  if (parsed.out === null) {
    io.stdout(parsed.md ? formatDiffMarkdown(diff, labels) : formatDiffText(diff, labels));
    return 0;
  }
  const out = path.resolve(io.cwd, parsed.out);
  const charts = parsed.md ? await writeDiffCharts(diff, base, head, chartsDirFor(out), path.dirname(out)) : undefined;
  await writeFile(out, parsed.md ? formatDiffMarkdown(diff, labels, charts ? { charts } : {}) : formatDiffText(diff, labels));
  return 0;
}

class RevisionError extends Error {
  readonly rev: string;
  constructor(rev: string) {
    super(rev);
    this.rev = rev;
  }
}

async function resolveOrFail(top: string, rev: string): Promise<string> {
  try {
    return await resolveCommit(top, rev);
  } catch {
    throw new RevisionError(rev);
  }
}
