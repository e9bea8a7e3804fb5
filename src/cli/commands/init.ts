import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { CONFIG_FILE } from "../../core/config/parseConfig.ts";
import { addGitignore, addScripts, configText, githubRepository, type Repository } from "../init/initFiles.ts";
import { packageDir } from "../packageDir.ts";
import type { CommandIo } from "./check.ts";
import { newCommand } from "./new.ts";

const USAGE = `usage: runfolio init [--root <dir>]

Sets up a repository to build its runs/ and reports/ with Runfolio. Never overwrites a file:
  package.json                        adds the scripts dev, build, preview and check where the names are free
  .github/workflows/runfolio.yml      check on pull requests, build and deploy to GitHub Pages
  .gitignore                          adds dist/ and node_modules/ (the build cache) when missing
  runfolio.config.json                site title, description, base path, repository link, accent, pages
  reports/overview.md                 when runs/ has runs: a starter report (runfolio new)
Prints what it wrote and what it left alone, then the next command.

  --root <dir>   the repository (default: the current directory)
`;

export const WORKFLOW_FILE = ".github/workflows/runfolio.yml";
const STARTER_REPORT = "overview";

/** The Pages workflow for `branch`, from the package's template (src/cli/templates/runfolio.yml). */
export function workflowText(branch: string): string {
  return readFileSync(path.join(packageDir, "src/cli/templates/runfolio.yml"), "utf8").replaceAll("{{branch}}", branch);
}

/**
 * `runfolio init`. Returns 0 when the repository is set up (also when everything was there
 * already), 1 when package.json cannot be read, 2 for bad usage.
 */
export async function initCommand(args: string[], io: CommandIo): Promise<number> {
  let rootArg = ".";
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--help" || a === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (a === "--root" || a.startsWith("--root=")) {
      const v = a === "--root" ? args[++i] : a.slice("--root=".length);
      if (!v) {
        io.stderr(`runfolio init: --root needs a folder\n\n${USAGE}`);
        return 2;
      }
      rootArg = v;
    } else {
      io.stderr(`runfolio init: unknown argument "${a}"\n\n${USAGE}`);
      return 2;
    }
  }
  const root = path.resolve(io.cwd, rootArg);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`runfolio init: ${root} is not a folder\n`);
    return 2;
  }
  const manifestFile = path.join(root, "package.json");
  if (!existsSync(manifestFile)) {
    io.stderr(`runfolio init: ${root} has no package.json; run \`npm init -y && npm i -D runfolio\` there first\n`);
    return 1;
  }

  const wrote: string[] = [];
  const skipped: string[] = [];
  let scripts;
  try {
    scripts = addScripts(readFileSync(manifestFile, "utf8"));
  } catch (e) {
    io.stderr(`runfolio init: package.json was not changed: ${(e as Error).message}\n`);
    return 1;
  }
  if (scripts.text !== null) {
    await writeFile(manifestFile, scripts.text);
    wrote.push(`package.json: added the scripts ${scripts.added.join(", ")}`);
  }
  skipped.push(...scripts.skipped.map((s) => `package.json: ${s}`));

  const repo = gitRepository(root);
  const branch = gitBranch(root);
  if (await writeNew(root, WORKFLOW_FILE, workflowText(branch))) wrote.push(`${WORKFLOW_FILE}: check on pull requests, build and deploy to GitHub Pages from ${branch}`);
  else skipped.push(`${WORKFLOW_FILE} already exists (not changed; compare it with \`runfolio init --root <empty folder>\`'s if you want the new one)`);

  const gitignoreFile = path.join(root, ".gitignore");
  const ignore = addGitignore(existsSync(gitignoreFile) ? readFileSync(gitignoreFile, "utf8") : null);
  if (ignore.text !== null) {
    await writeFile(gitignoreFile, ignore.text);
    wrote.push(`.gitignore: added ${ignore.added.join(", ")}`);
  }
  skipped.push(...ignore.skipped);

  const title = repo ? repo.name : path.basename(root);
  if (await writeNew(root, CONFIG_FILE, configText(title, repo))) wrote.push(`${CONFIG_FILE}: title "${title}", base ${repo ? `/${repo.name}/ (from the git remote)` : "/"} (docs/config.md)`);
  else skipped.push(`${CONFIG_FILE} already exists (not changed)`);

  if (await hasRuns(root)) {
    const reportFile = `reports/${STARTER_REPORT}.md`;
    if (existsSync(path.join(root, reportFile))) skipped.push(`${reportFile} already exists (not changed)`);
    else {
      const quiet: CommandIo = { ...io, cwd: root, stdout: () => {}, stderr: (s) => io.stderr(s) };
      const code = await newCommand([STARTER_REPORT, "--root", root, "--title", "Overview"], quiet);
      if (code === 0) wrote.push(`${reportFile}: a starter report over the runs (runfolio new)`);
      else skipped.push(`${reportFile}: runfolio new could not write it (see above)`);
    }
  }

  for (const line of wrote) io.stdout(`wrote ${line}\n`);
  for (const line of skipped) io.stdout(`skipped ${line}\n`);
  if (wrote.length === 0) io.stdout("nothing to do: this repository is set up already\n");
  const rootFlag = path.resolve(io.cwd) === root ? "" : ` --root ${path.relative(io.cwd, root) || "."}`;
  io.stdout(`\nnext: npx runfolio dev${rootFlag}   (then commit, push, and choose Settings → Pages → Source: GitHub Actions)\n`);
  return 0;
}

/** Writes `file` under `root` unless it exists; true when written. */
async function writeNew(root: string, file: string, text: string): Promise<boolean> {
  const target = path.join(root, file);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await writeFile(target, text, { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

async function hasRuns(root: string): Promise<boolean> {
  try {
    return (await readdir(path.join(root, "runs"))).some((name) => !name.startsWith("."));
  } catch {
    return false;
  }
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() || null;
  } catch {
    return null;
  }
}

function gitRepository(root: string): Repository | null {
  const remote = git(root, ["remote", "get-url", "origin"]);
  return remote ? githubRepository(remote) : null;
}

/** The branch Pages deploys from: the current branch when it is main or master, else main. */
function gitBranch(root: string): string {
  const branch = git(root, ["symbolic-ref", "--short", "HEAD"]);
  return branch === "master" ? "master" : "main";
}
