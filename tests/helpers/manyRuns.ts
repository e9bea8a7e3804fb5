import { mulberry32 } from "../../src/core/stats/random.ts";
import type { Run } from "../../src/core/run.ts";
import { makeRun } from "./testRuns.ts";

const OPTIMIZERS = ["adamw", "sgd", "lion", "adafactor"];
const SCHEDULES = ["cosine", "linear", "constant"];
const DATASETS = ["openwebtext", "c4", "the-pile"];

/**
 * `count` runs shaped like a large sweep's exports (deterministic): five projects, groups, tags,
 * git, a nested config of 28 leaves and a summary of 12 metrics at full float precision. Run
 * ids sort in creation order: `sweep-<p>/run-00042`.
 */
export function manyRuns(count: number, seed = 7): Run[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_, i) => {
    const project = `sweep-${i % 5}`;
    const lr = [1e-4, 3e-4, 1e-3, 3e-3][i % 4]!;
    const seedValue = i % 7;
    const loss = 2 + rand() * 2;
    const state = i % 97 === 0 ? "crashed" : i % 211 === 0 ? "running" : "finished";
    return makeRun(`${project}/run-${String(i).padStart(5, "0")}`, {
      name: `lr${lr}-s${seedValue}-${String(i).padStart(5, "0")}`,
      group: `lr=${lr}`,
      tags: i % 10 === 0 ? ["baseline", "sweep"] : ["sweep"],
      state,
      created: new Date(start + i * 61_000).toISOString(),
      duration: Math.round(3600 + rand() * 7200),
      steps: 1000,
      git: { commit: (i * 2654435761 >>> 0).toString(16).padStart(8, "0").repeat(5), branch: "main", dirty: i % 13 === 0 },
      config: {
        seed: seedValue,
        model: { n_layer: pick([6, 12, 24]), n_head: pick([8, 12, 16]), n_embd: pick([384, 768, 1024]), dropout: pick([0, 0.1, 0.2]), bias: rand() < 0.5, vocab_size: 50304, block_size: 1024 },
        optimizer: { name: pick(OPTIMIZERS), lr, beta1: 0.9, beta2: pick([0.95, 0.99]), weight_decay: pick([0, 0.01, 0.1]), eps: 1e-8, grad_clip: 1 },
        schedule: { name: pick(SCHEDULES), warmup_steps: pick([100, 500, 1000]), min_lr: lr / 10 },
        data: { dataset: pick(DATASETS), batch_size: pick([32, 64, 128]), grad_accum: pick([1, 2, 4]), num_workers: 8 },
        trainer: { max_steps: 1000, eval_interval: 100, precision: pick(["bf16", "fp32"]), compile: rand() < 0.5, device: "cuda" },
      },
      summary: {
        "val/loss": loss,
        "val/ppl": Math.exp(loss),
        "val/acc": rand(),
        "train/loss": loss - rand() * 0.3,
        "train/lr": lr / 10,
        "train/grad_norm": rand() * 3,
        "train/tokens_per_sec": 50_000 + rand() * 20_000,
        "train/mfu": rand() * 0.5,
        "eval/hellaswag": 0.25 + rand() * 0.2,
        "eval/arc_easy": 0.3 + rand() * 0.3,
        "system/gpu_mem_gb": 20 + rand() * 40,
        _step: 1000,
      },
    });
  });
}
