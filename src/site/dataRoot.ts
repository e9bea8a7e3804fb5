import path from "node:path";

/**
 * The folder holding `runs/` and `reports/`: the project root, unless RUNFOLIO_DATA_DIR names
 * another (the tests build broken and generated sites this way without copying the app). Read
 * once, by the integration, which hands it to the content loaders and the pages (see
 * siteSettings in src/integration/options.ts).
 */
export function dataRoot(env: Record<string, string | undefined>, cwd: string): string {
  const dir = env.RUNFOLIO_DATA_DIR;
  return dir ? path.resolve(cwd, dir) : cwd;
}
