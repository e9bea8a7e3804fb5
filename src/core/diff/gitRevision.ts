/**
 * Node-only: reads the files of a data root at a git revision without a checkout, through
 * `git ls-tree` and one `git cat-file --batch`, so the user's working tree and index are never
 * touched. Every git call gets its arguments as an array (no shell) and `--end-of-options` before
 * anything the user typed.
 */
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export class GitError extends Error {}

/** The stdout of a git command run in `cwd`; throws `GitError` with git's own message. */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", [...args], { cwd, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" } });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; code?: string | number; message: string };
    if (err.code === "ENOENT") throw new GitError("git is not installed (or not on PATH)");
    throw new GitError((err.stderr ?? err.message).trim().split("\n")[0] ?? err.message);
  }
}

export interface DataRootInRepo {
  /** The repository's top folder. */
  top: string;
  /** The data root's path inside the repository, POSIX, "" or ending in "/". */
  prefix: string;
}

/** Where the data root sits in its git repository; throws when it is not inside one. */
export async function locateDataRoot(root: string): Promise<DataRootInRepo> {
  const out = await git(root, ["rev-parse", "--show-toplevel", "--show-prefix"]);
  const [top, prefix = ""] = out.split("\n");
  return { top: top!, prefix };
}

/** The full commit id a revision names; throws `GitError` when it names no commit. */
export async function resolveCommit(top: string, rev: string): Promise<string> {
  try {
    return (await git(top, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])).trim();
  } catch {
    throw new GitError(`"${rev}" names no commit in this repository`);
  }
}

/**
 * The revision a change is reviewed against: in a pull request's workflow the target branch
 * (GITHUB_BASE_REF), else the remote's default branch, else main or master. Null when none exists.
 */
export async function defaultBranch(top: string, env: Record<string, string | undefined>): Promise<string | null> {
  const candidates: string[] = [];
  if (env.GITHUB_BASE_REF) candidates.push(`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF);
  try {
    const head = (await git(top, ["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])).trim();
    if (head) candidates.push(head);
  } catch {
    // No remote default recorded (a fresh clone by CI, or no remote): try the usual names.
  }
  candidates.push("origin/main", "origin/master", "main", "master");
  for (const name of candidates) {
    try {
      await resolveCommit(top, name);
      return name;
    } catch {
      continue;
    }
  }
  return null;
}

/** The newest commit both histories share. */
export async function mergeBase(top: string, a: string, b: string): Promise<string> {
  return (await git(top, ["merge-base", "--end-of-options", a, b])).trim();
}

export interface TreeEntry {
  mode: string;
  oid: string;
  /** Path inside the repository. */
  path: string;
}

/** Every blob under the given folders (repository paths) at a commit. */
export async function listTree(top: string, commit: string, folders: readonly string[]): Promise<TreeEntry[]> {
  const out = await git(top, ["ls-tree", "-r", "-z", "--full-tree", "--end-of-options", commit, "--", ...folders]);
  const entries: TreeEntry[] = [];
  for (const record of out.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    if (type !== "blob") continue;
    entries.push({ mode: mode!, oid: oid!, path: record.slice(tab + 1) });
  }
  return entries;
}

/** The bytes of each object, read by one `git cat-file --batch`, in the order asked. */
export function readBlobs(top: string, oids: readonly string[]): Promise<Buffer[]> {
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["cat-file", "--batch"], { cwd: top, env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" }, stdio: ["pipe", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", (e) => reject(new GitError(`cannot run git: ${e.message}`)));
    child.on("close", (code) => {
      if (code !== 0) return reject(new GitError(stderr.trim() || `git cat-file exited with ${code}`));
      try {
        resolve(splitBatch(Buffer.concat(chunks), oids.length));
      } catch (e) {
        reject(e);
      }
    });
    child.stdin.end(oids.join("\n") + "\n");
  });
}

/** `<oid> <type> <size>\n<bytes>\n` repeated; `<oid> missing\n` for an absent object. */
function splitBatch(out: Buffer, count: number): Buffer[] {
  const blobs: Buffer[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const eol = out.indexOf(10, at);
    const header = out.subarray(at, eol).toString("latin1").split(" ");
    if (header[1] === "missing" || header.length < 3) throw new GitError(`git object ${header[0]} is missing`);
    const size = Number(header[2]);
    blobs.push(out.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return blobs;
}
