import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageDir } from "../packageDir.ts";
import type { CommandIo } from "./check.ts";

export type SiteCommand = "dev" | "build" | "preview";

const USAGE = `usage: runfolio dev|build|preview [--root <dir>] [--out-dir <dir>] [--base <path>] [--offline] [astro options]

Runs Astro from the runfolio package over the runs/ and reports/ of --root (default: the current
directory), which needs no Astro files of its own. \`build\` writes the site to <root>/dist/ and
fails on any error in runs/, reports/ or runfolio.config.json; \`dev\` serves it with live reload;
\`preview\` serves the built dist/. Other options (--port 4000, --host) go to Astro as given.

  --root <dir>      the folder holding runs/, reports/ and runfolio.config.json
  --out-dir <dir>   where the site is written and served from (default: <root>/dist)
  --base <path>     the sub-path the site is served under, e.g. /my-repo/ (default: RUNFOLIO_BASE,
                    else runfolio.config.json's "base", else /)
  --offline         (build) relative links and a copy of the source files, to open the site from a folder or zip (file://)

The build cache is kept in <root>/node_modules/.cache/runfolio (RUNFOLIO_CACHE_DIR moves it).
`;

export interface SiteArgs {
  root: string;
  outDir: string | null;
  base: string | null;
  offline: boolean;
  astroArgs: string[];
}

export function parseSiteArgs(command: SiteCommand, args: string[], io: CommandIo): SiteArgs | { exit: number; stdout?: string; stderr?: string } {
  const parsed: Omit<SiteArgs, "root"> & { root: string | null } = { root: null, outDir: null, base: null, offline: false, astroArgs: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const flag = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (flag === "--help" || flag === "-h") return { exit: 0, stdout: USAGE };
    if (flag === "--offline") {
      if (command !== "build") return { exit: 2, stderr: `runfolio ${command}: --offline is an option of build\n\n${USAGE}` };
      parsed.offline = true;
    } else if (flag === "--root" || flag === "--out-dir" || flag === "--base") {
      const value = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (value === undefined || value === "") return { exit: 2, stderr: `runfolio ${command}: ${flag} needs a value\n\n${USAGE}` };
      if (flag === "--root") parsed.root = value;
      else if (flag === "--out-dir") parsed.outDir = value;
      else parsed.base = value;
    } else parsed.astroArgs.push(a);
  }
  return { ...parsed, root: path.resolve(io.cwd, parsed.root ?? ".") };
}

/**
 * `runfolio dev | build | preview`: Astro run from the package's own folder (its astro.config.mjs,
 * pages and components), with the user's folder as the data root and dist/ written there. Nothing
 * is copied into the user's repository. Returns Astro's exit code, or 2 for bad usage.
 */
export async function siteCommand(command: SiteCommand, args: string[], io: CommandIo): Promise<number> {
  const parsed = parseSiteArgs(command, args, io);
  if ("exit" in parsed) {
    if (parsed.stdout) io.stdout(parsed.stdout);
    if (parsed.stderr) io.stderr(parsed.stderr);
    return parsed.exit;
  }
  const { root } = parsed;
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    io.stderr(`runfolio ${command}: ${root} is not a folder\n`);
    return 2;
  }
  if (command !== "preview" && !existsSync(path.join(root, "runs")) && !existsSync(path.join(root, "reports"))) {
    io.stderr(`runfolio ${command}: ${root} has neither runs/ nor reports/ (use --root <dir>, or \`runfolio new\` to start a report)\n`);
    return 2;
  }
  const env = siteEnv(parsed, io);
  const astro = path.join(path.dirname(createRequire(path.join(packageDir, "package.json")).resolve("astro/package.json")), "bin/astro.mjs");
  return runChild(process.execPath, [astro, command, "--root", packageDir, ...parsed.astroArgs], { cwd: root, env });
}

/** The environment Astro runs in: where the data, the output and the cache are (read by astro.config.mjs and the integration). */
export function siteEnv(args: SiteArgs, io: CommandIo): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...io.env, RUNFOLIO_DATA_DIR: args.root };
  env.RUNFOLIO_OUT_DIR = args.outDir ? path.resolve(io.cwd, args.outDir) : io.env.RUNFOLIO_OUT_DIR || path.join(args.root, "dist");
  env.RUNFOLIO_CACHE_DIR = io.env.RUNFOLIO_CACHE_DIR ? path.resolve(io.cwd, io.env.RUNFOLIO_CACHE_DIR) : path.join(args.root, "node_modules", ".cache", "runfolio");
  if (args.base) env.RUNFOLIO_BASE = args.base;
  if (args.offline) {
    env.RUNFOLIO_LINKS = "relative";
    // A site opened from a folder cannot follow links into the repository: carry the source files.
    env.RUNFOLIO_COPY_SOURCE_FILES ??= "1";
  }
  return env;
}

/** Runs Astro in the foreground; a Ctrl-C or a TERM reaches it, and its exit code is ours. */
function runChild(command: string, args: string[], options: { cwd: string; env: Record<string, string | undefined> }): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    const onTerm = forward("SIGTERM");
    const onInt = forward("SIGINT");
    process.on("SIGTERM", onTerm);
    process.on("SIGINT", onInt);
    child.on("error", (e) => {
      process.stderr.write(`runfolio: could not start Astro: ${e.message}\n`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
