import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildSite, repoRoot, type BuildResult } from "./buildSite.ts";

/** Emptied by the site suites' global setup, so a shared build never outlives one vitest run. */
export const sharedBuildsDir = path.join(repoRoot, "test-artifacts/shared-builds");

export interface SharedBuild extends BuildResult {
  outDir: string;
  /** Whether an earlier test file of this run already built it. */
  reused: boolean;
}

const inProcess = new Map<string, Promise<SharedBuild>>();

/**
 * One `astro build` per (data folder, extra env) for the whole vitest run: test files that only
 * read the same site share it instead of each building it. Each file runs in its own module
 * scope, so the build is found on disk (its result is written next to it once it finished);
 * site test files run one at a time (`fileParallelism: false`), so no two build a key at once.
 * Callers must not write into `outDir`.
 */
export function sharedBuild(dataDir: string, env: Record<string, string> = {}): Promise<SharedBuild> {
  const key = buildKey(dataDir, env);
  let build = inProcess.get(key);
  if (!build) {
    build = buildOnce(key, dataDir, env);
    inProcess.set(key, build);
  }
  return build;
}

/** Where `sharedBuild(dataDir, env)` writes the site, known before it is built. */
export function sharedBuildOut(dataDir: string, env: Record<string, string> = {}): string {
  return path.join(sharedBuildsDir, buildKey(dataDir, env), "out");
}

function buildKey(dataDir: string, env: Record<string, string>): string {
  const entries = Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify([path.resolve(dataDir), entries])).digest("hex").slice(0, 16);
}

async function buildOnce(key: string, dataDir: string, env: Record<string, string>): Promise<SharedBuild> {
  const dir = path.join(sharedBuildsDir, key);
  const outDir = path.join(dir, "out");
  const marker = path.join(dir, "result.json");
  try {
    const done = JSON.parse(await readFile(marker, "utf8")) as BuildResult;
    return { ...done, outDir, reused: true };
  } catch {
    // Not built yet in this run.
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const result = await buildSite({ dataDir, outDir, cacheDir: path.join(dir, "cache"), env });
  await writeFile(marker, JSON.stringify(result));
  return { ...result, outDir, reused: false };
}
