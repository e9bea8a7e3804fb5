// Child of manyRunFiles.test.ts, started under a low open-file limit: loads every run of the data
// root given as argument the ways a build does (the walk and loadAllRuns, the content loader's
// digests, every history at once as pages and a chart over every run read them) and prints what
// came out as JSON.
import { formatDiagnostic } from "../../../src/core/diagnostics.ts";
import { discoverRunSources, loadAllRuns, readHistory, runSourceDigest } from "../../../src/core/runs/loadRuns.ts";

const root = process.argv[2]!;
const { runs, diagnostics } = await loadAllRuns(root);
const { sources } = await discoverRunSources(root);
const digests = await Promise.all(sources.map((s) => runSourceDigest(root, s)));
const histories = await Promise.all(runs.map((r) => readHistory(root, r)));
const steps = histories.reduce((sum, h) => sum + h.step.length, 0);
process.stdout.write(
  JSON.stringify({
    runs: runs.length,
    digests: new Set(digests).size,
    steps,
    diagnostics: diagnostics.map(formatDiagnostic),
  }),
);
