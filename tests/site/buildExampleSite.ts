import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { sharedBuildsDir } from "../helpers/sharedBuild.ts";

export const exampleOut = path.join(repoRoot, "test-artifacts/example-site");

/** Builds the shipped example site once for all site and browser tests. */
export default async function setup(): Promise<void> {
  // Builds shared between test files live for one run: fixtures may have changed since the last.
  await rm(sharedBuildsDir, { recursive: true, force: true });
  await rm(exampleOut, { recursive: true, force: true });
  await mkdir(path.dirname(exampleOut), { recursive: true });
  const result = await buildSite({
    dataDir: repoRoot,
    outDir: exampleOut,
    cacheDir: path.join(repoRoot, "test-artifacts/cache-example"),
  });
  await writeFile(path.join(repoRoot, "test-artifacts/example-build.log"), result.output);
  if (result.code !== 0) throw new Error(`building the example site failed:\n${result.output}`);
  console.log(`example site built in ${(result.ms / 1000).toFixed(1)} s`);
}
