/**
 * Generates the example run records under runs/ (projects `nanogpt`, `cifar10` and `shapes`).
 *
 * Deterministic: every random number comes from a mulberry32 stream seeded from the run id,
 * timestamps are fixed, numbers are rounded to a fixed precision, so re-running the script
 * rewrites byte-identical files. Idempotent: it deletes and rewrites only the project folders
 * it owns and leaves every other file under runs/ alone.
 *
 * The curves are synthetic but shaped like real ones: a power-law / exponential loss decay
 * driven by the integrated learning rate, an lr-proportional noise floor that falls away as the
 * cosine schedule anneals, sparse validation evals, loss spikes that recover, a divergence to
 * NaN at a too-high learning rate, and wall time from realistic step and eval times.
 *
 * Usage: node scripts/generateExampleRuns.ts [--out <dir>]   (default: <repo>/runs)
 */
import { rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildCifar10 } from "./examples/cifar10.ts";
import { buildNanogpt } from "./examples/nanogpt.ts";
import { buildShapes } from "./examples/shapes.ts";
import { RunWriter } from "./examples/write.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const runsDir = outArg > 0 ? resolve(process.argv[outArg + 1]!) : join(repoRoot, "runs");
const OWNED_PROJECTS = ["nanogpt", "cifar10", "shapes"];

for (const project of OWNED_PROJECTS) rmSync(join(runsDir, project), { recursive: true, force: true });
const out = new RunWriter(runsDir);
const all = [...buildNanogpt(out), ...buildCifar10(out), ...buildShapes(out)];
for (const r of all) {
  const s = r.summary ?? {};
  const extra = s["best/val_loss"] !== undefined ? ` best/val_loss=${s["best/val_loss"]}` : s["best/val_acc"] !== undefined ? ` best/val_acc=${s["best/val_acc"]}` : "";
  console.log(`${r.id.padEnd(36)} ${r.format.padEnd(8)} ${String(r.rows).padStart(4)} rows  ${r.state}${extra}`);
}
console.log(`${all.length} runs written to ${runsDir}`);
