import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseUncommitted, type BuildInfo } from "../core/site/buildInfo.ts";

/** Runs `git` in a folder and gives its output, or null when git fails or is not installed. */
export type RunGit = (cwd: string, args: readonly string[]) => string | null;

const runGit: RunGit = (cwd, args) => {
  try {
    return execFileSync("git", ["-C", cwd, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
};

/**
 * The commit the data root is checked out at, the repository's remote, where the data root sits
 * in the repository and which run and report files differ from the commit. Read once per build
 * from git, so the same checkout gives the same site. In GitHub Actions `GITHUB_SHA` and
 * `GITHUB_SERVER_URL`/`GITHUB_REPOSITORY` fill in what git cannot say (a checkout without a
 * remote, or no `.git` at all); what git says wins, since it is what was built. Null outside a
 * git checkout with no such variables.
 */
export function readBuildInfo(root: string, env: Record<string, string | undefined>, git: RunGit = runGit): BuildInfo | null {
  const head = git(root, ["rev-parse", "--verify", "--quiet", "HEAD"])?.trim();
  const commit = head && /^[0-9a-f]{40,64}$/.test(head) ? head : env.GITHUB_SHA && /^[0-9a-f]{40,64}$/i.test(env.GITHUB_SHA) ? env.GITHUB_SHA.toLowerCase() : null;
  if (!commit) return null;
  const remote = gitRemote(root, git) ?? githubRemote(env);
  const prefix = head ? git(root, ["rev-parse", "--show-prefix"])?.trim() : null;
  const dataPrefix = prefix ?? workspacePrefix(root, env);
  const status = head ? git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "runs", "reports"]) : null;
  return { commit, remote, dataPrefix, uncommitted: status ? parseUncommitted(status, dataPrefix) : [] };
}

/** `origin`, or the only remote there is; with several and no `origin`, none is guessed. */
function gitRemote(root: string, git: RunGit): string | null {
  const names = (git(root, ["remote"]) ?? "").split("\n").filter(Boolean);
  const name = names.includes("origin") ? "origin" : names.length === 1 ? names[0]! : null;
  return name ? (git(root, ["remote", "get-url", name])?.trim() ?? null) || null : null;
}

function githubRemote(env: Record<string, string | undefined>): string | null {
  if (!env.GITHUB_REPOSITORY) return null;
  return `${(env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`;
}

/** Without git, the data root's place in the repository from the Actions workspace (top if unknown). */
function workspacePrefix(root: string, env: Record<string, string | undefined>): string {
  if (!env.GITHUB_WORKSPACE) return "";
  const rel = path.relative(env.GITHUB_WORKSPACE, root);
  return rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? "" : `${rel.split(path.sep).join("/")}/`;
}
