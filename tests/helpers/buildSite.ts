import { spawn } from "node:child_process";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export interface BuildResult {
  code: number;
  output: string;
  ms: number;
}

/**
 * `astro build` of the app over a data folder (runs/ + reports/) into `outDir`, on the Node
 * that runs the tests (the project's pinned one), with a cache of its own so builds never mix.
 * `args` go to `astro build` (`--force`: render every page, skipping none from the last build).
 */
export function buildSite(opts: { dataDir: string; outDir: string; cacheDir: string; env?: Record<string, string>; args?: readonly string[] }): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/astro/bin/astro.mjs"), "build", ...(opts.args ?? [])], {
      cwd: repoRoot,
      env: {
        ...hostEnv(),
        RUNFOLIO_DATA_DIR: opts.dataDir,
        RUNFOLIO_OUT_DIR: opts.outDir,
        RUNFOLIO_CACHE_DIR: opts.cacheDir,
        ASTRO_TELEMETRY_DISABLED: "1",
        NO_COLOR: "1",
        FORCE_COLOR: "0",
        ...opts.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output, ms: performance.now() - started }));
  });
}

/**
 * The test process's environment without what vitest puts there for `import.meta.env`
 * (`BASE_URL=/`, `MODE=test`, `DEV=1`, `PROD`, `SSR`, `NODE_ENV=test`): Astro reads
 * `import.meta.env.*` from `process.env`, so a build started from a test would otherwise ignore
 * the configured base and believe it is the dev server. GitHub Actions' `GITHUB_SHA` and
 * `GITHUB_REPOSITORY` go too: test sites name the commit git gives, wherever the tests run.
 */
export function hostEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const key of ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "GITHUB_SHA", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "GITHUB_WORKSPACE", "RUNFOLIO_COPY_SOURCE_FILES"]) delete env[key];
  if (env.NODE_ENV === "test") delete env.NODE_ENV;
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return env;
}
