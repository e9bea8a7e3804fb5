// Loads every run of a data root in a fresh process (`loadAllRuns`, then every history, as a build
// reads them) and prints the time and the peak resident memory.
import { clearRunCaches, loadAllRuns, readHistory } from "../src/core/runs/loadRuns.ts";

const root = process.argv[2]!;
clearRunCaches();
const t = performance.now();
const { runs, diagnostics } = await loadAllRuns(root);
const loadMs = performance.now() - t;
let points = 0;
for (const run of runs) for (const values of Object.values((await readHistory(root, run)).metrics)) points += values.length;
const totalMs = performance.now() - t;
process.stdout.write(JSON.stringify({ runs: runs.length, diagnostics: diagnostics.length, points, loadMs, totalMs, maxRssKb: process.resourceUsage().maxRSS }));
