import path from "node:path";

/**
 * The folder holding `runs/` and `reports/`: the project root, unless RUNFOLIO_DATA_DIR names
 * another (the tests build broken and generated sites this way without copying the app).
 */
export function dataRoot(): string {
  const dir = process.env.RUNFOLIO_DATA_DIR;
  return dir ? path.resolve(dir) : process.cwd();
}
