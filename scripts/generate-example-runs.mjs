#!/usr/bin/env node
// Generates the example run records under runs/ (projects `nanogpt` and `cifar10`).
//
// Deterministic: every random number comes from a mulberry32 stream seeded from the run id,
// timestamps are fixed, numbers are rounded to a fixed precision, so re-running the script
// rewrites byte-identical files. Idempotent: it deletes and rewrites only the project folders
// it owns and leaves every other file under runs/ alone.
//
// The curves are synthetic but shaped like real ones: a power-law / exponential loss decay
// driven by the integrated learning rate, an lr-proportional noise floor that falls away as the
// cosine schedule anneals, sparse validation evals, loss spikes that recover, a divergence to
// NaN at a too-high learning rate, and wall time from realistic step and eval times.
//
// Usage: node scripts/generate-example-runs.mjs [--out <dir>]   (default: <repo>/runs)

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/core/stats/random.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const RUNS_DIR = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(repoRoot, "runs");
const OWNED_PROJECTS = ["nanogpt", "cifar10"];

// ---------------------------------------------------------------- randomness and numbers

function hashString(str) {
  // FNV-1a, 32 bit: turns a run id into a PRNG seed.
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function makeRng(key) {
  const uniform = mulberry32(hashString(key));
  let spare = null;
  const normal = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    uniform,
    normal,
    range: (lo, hi) => lo + (hi - lo) * uniform(),
    int: (lo, hi) => lo + Math.floor((hi - lo + 1) * uniform()),
    logNormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    hex: (n) => {
      let s = "";
      for (let i = 0; i < n; i++) s += Math.floor(uniform() * 16).toString(16);
      return s;
    },
  };
}

/** Round to `digits` significant digits; non-finite values pass through. */
const sig = (x, digits = 5) => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);
/** Round to `places` decimals (timestamps, epochs). */
const fixed = (x, places) => Math.round(x * 10 ** places) / 10 ** places;

const iso = (unixSeconds) => new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
const unix = (isoString) => Date.parse(isoString) / 1000;

// ---------------------------------------------------------------- writers

/** JSON with objects indented and arrays of primitives on one line (compact column arrays). */
function toJson(value, indent = "") {
  if (value === null || typeof value !== "object") return jsonScalar(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) {
      return "[" + value.map(jsonScalar).join(", ") + "]";
    }
    return "[\n" + value.map((v) => inner + toJson(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return (
    "{\n" +
    entries.map(([k, v]) => inner + JSON.stringify(k) + ": " + toJson(v, inner)).join(",\n") +
    "\n" +
    indent +
    "}"
  );
}

function jsonScalar(v) {
  // JSON has no NaN/Infinity; a missing value is null (a gap).
  if (typeof v === "number" && !Number.isFinite(v)) return "null";
  return JSON.stringify(v);
}

function csvCell(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "nan";
    if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
    return String(v);
  }
  const s = String(v);
  return /[",\n]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

function writeFile(relPath, text) {
  const path = join(RUNS_DIR, relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text.endsWith("\n") ? text : text + "\n");
}

/**
 * rows: array of objects keyed by column (missing key = not logged at that step).
 * Writes one run in the requested layout.
 */
function writeRun(project, id, format, meta, columns, rows) {
  const lastTime = rows.at(-1).time;
  const metadata = { ...meta, duration: fixed(lastTime - unix(meta.created), 1) };
  const ordered = {
    name: metadata.name,
    group: metadata.group,
    tags: metadata.tags,
    state: metadata.state,
    created: metadata.created,
    duration: metadata.duration,
    notes: metadata.notes,
    git: metadata.git,
    config: metadata.config,
    summary: metadata.summary,
  };
  if (format === "json") {
    const history = {};
    for (const col of columns) history[col] = rows.map((r) => (col in r ? r[col] : null));
    writeFile(`${project}/${id}.json`, toJson({ ...ordered, history }));
  } else if (format === "csv") {
    writeFile(`${project}/${id}/run.json`, toJson(ordered));
    const lines = [columns.map(csvCell).join(",")];
    for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
    writeFile(`${project}/${id}/history.csv`, lines.join("\n"));
  } else if (format === "jsonl") {
    writeFile(`${project}/${id}/run.json`, toJson(ordered));
    const lines = rows.map((r) => {
      const obj = { _step: r.step, _timestamp: r.time };
      for (const c of columns) if (c !== "step" && c !== "time" && c in r) obj[c] = r[c];
      return JSON.stringify(obj);
    });
    writeFile(`${project}/${id}/history.jsonl`, lines.join("\n"));
  } else {
    throw new Error(`unknown format ${format}`);
  }
  return { id: `${project}/${id}`, format, rows: rows.length, ...ordered };
}

function fakeGit(key, branch, remote, dirty = false) {
  const rng = makeRng(`git:${key}`);
  return { commit: rng.hex(40), branch, dirty, remote };
}

// ---------------------------------------------------------------- schedules

/** Linear warmup then cosine decay to `minRatio * peak` at `total` steps. */
function warmupCosine(step, peak, warmup, total, minRatio) {
  if (step < warmup) return (peak * (step + 1)) / (warmup + 1);
  const t = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * t)));
}

// ---------------------------------------------------------------- nanogpt

const NANOGPT_REMOTE = "https://github.com/example/nanogpt-experiments";
const VOCAB = 50304;
const LN_VOCAB = Math.log(50257);

/** Token accuracy as a saturating function of validation loss. */
const tokenAccuracy = (loss) => 0.62 / (1 + Math.exp(0.85 * (loss - 4.0)));

/**
 * Simulates one GPT-2-small style pretraining run and returns its logged rows.
 * opts: lr, seed, maxSteps, stopAt (last logged step), warmup, seqLen, batchSize,
 * lInfShift, throughput, crashAt (step where divergence starts, or null), spikeRate.
 */
function simulateLm(runKey, opts) {
  const rng = makeRng(runKey);
  const {
    lr,
    maxSteps,
    stopAt = maxSteps,
    warmup = 300,
    logEvery = 10,
    evalEvery = 250,
    tokensPerStep,
    throughput,
    startTime,
    crashAt = null,
    lInfShift = 0,
  } = opts;

  // Per-seed variation: a slightly different asymptote, data order and hardware speed.
  const lInf = 3.1 + lInfShift + 0.012 * rng.normal();
  const amp = 10.95 - lInf;
  const p0 = 61 * (1 + 0.03 * rng.normal());
  const alpha = 0.42;
  const floorCoef = 0.085;
  const speed = throughput * (1 + 0.025 * rng.normal());
  const wiggles = [0, 1, 2].map(() => ({
    period: rng.range(180, 900),
    phase: rng.range(0, 2 * Math.PI),
    amp: rng.range(0.004, 0.012),
  }));

  // Loss spikes: more and larger at higher learning rates.
  const spikeRate = lr >= 3e-3 ? 6 : lr >= 1e-3 ? 1.6 : lr >= 3e-4 ? 0.6 : 0;
  const spikes = [];
  let expected = spikeRate;
  while (rng.uniform() < expected / (expected + 1) && spikes.length < 10) {
    const big = lr >= 3e-3;
    spikes.push({
      at: rng.int(400, Math.min(maxSteps - 300, 5400)),
      amp: big ? rng.logNormal(-0.5, 0.55) : rng.logNormal(-2.0, 0.5),
      tau: rng.range(25, big ? 140 : 70),
      setback: big ? rng.range(0.02, 0.06) : rng.range(0.003, 0.012),
    });
    expected -= 1;
  }
  spikes.sort((a, b) => a.at - b.at);

  const rows = [];
  let progress = 0;
  let time = startTime + rng.range(35, 55); // startup and torch.compile
  let setbackFactor = 1;
  let crashed = false;
  let nanRows = 0;

  for (let step = 0; step <= stopAt; step++) {
    const lrNow = warmupCosine(step, lr, warmup, maxSteps, 0.1);
    // Progress per step saturates in the learning rate: 10x the lr is not 10x faster.
    progress += (lrNow / (lrNow + 5e-4)) * 4.2;
    for (const s of spikes) if (s.at === step) setbackFactor *= 1 - s.setback;
    const p = progress * setbackFactor;

    const stepTime = (tokensPerStep / speed) * (1 + 0.02 * rng.normal());
    time += Math.max(0.05, stepTime);

    if (step % logEvery !== 0 && step !== stopAt) continue;

    let spikeTerm = 0;
    for (const s of spikes) if (step >= s.at) spikeTerm += s.amp * Math.exp(-(step - s.at) / s.tau);
    const floor = floorCoef * Math.sqrt(lrNow / 1e-3) * Math.min(1, step / 400);
    // Too-high learning rates pay a lasting penalty on top of the spikes (and wobble between them).
    const instability =
      0.25 * Math.max(0, Math.log(lr / 1.5e-3)) * Math.min(1, step / 1500) +
      (lr >= 3e-3 ? 0.05 * Math.max(0, Math.sin(step / 97)) ** 8 : 0);
    let clean = lInf + amp * (1 + p / p0) ** -alpha + floor + instability;
    clean = Math.min(clean, 10.95);
    for (const w of wiggles) clean += w.amp * Math.sin((2 * Math.PI * step) / w.period + w.phase);

    let divergence = 0;
    if (crashAt !== null && step >= crashAt) divergence = 0.04 * Math.exp((step - crashAt) / 28);

    const noiseScale = 0.045 * Math.sqrt(clean / 4);
    let trainLoss = clean + spikeTerm + divergence + noiseScale * rng.normal();
    if (step === 0) trainLoss = LN_VOCAB + 0.1 + 0.02 * rng.normal();
    let gradNorm =
      (0.28 + 2.4 * Math.exp(-step / 120) + (lr >= 3e-3 ? 0.15 : 0)) * rng.logNormal(0, 0.12) +
      spikeTerm * rng.range(4, 12);
    if (divergence > 0) gradNorm += divergence ** 2 * rng.range(30, 80);
    if (crashed || (divergence > 0 && trainLoss > 8.2)) {
      crashed = true;
      trainLoss = NaN;
      gradNorm = NaN;
      nanRows++;
    }

    let tps = speed * (1 + 0.012 * rng.normal());
    if (step === 0) tps *= 0.08; // first step includes compilation
    const row = {
      step,
      time: fixed(time, 2),
      "train/loss": sig(trainLoss, 5),
      lr: sig(lrNow, 4),
      tokens_per_sec: Math.round(tps),
      "train/grad_norm": sig(gradNorm, 4),
    };
    if (step % evalEvery === 0 && !crashed) {
      // Eval sees the weights' current state (spikes included) on held-out data.
      const gap = 0.008 + 0.035 * (step / maxSteps);
      const vLoss =
        (step === 0 ? LN_VOCAB + 0.1 : clean + gap) + 0.7 * spikeTerm + divergence + 0.005 * rng.normal();
      row["val/loss"] = sig(vLoss, 5);
      row["val/acc"] = sig(Math.max(1e-4, tokenAccuracy(vLoss) + 0.0012 * rng.normal()), 4);
      time += rng.range(9, 13); // eval pause
    }
    rows.push(row);
    if (crashed && nanRows >= 4) break;
  }
  return { rows };
}

function buildNanogpt() {
  const runs = [];
  const columns = ["step", "time", "train/loss", "val/loss", "val/acc", "lr", "tokens_per_sec", "train/grad_norm"];
  const lrs = [
    { lr: 1e-4, label: "1e-4" },
    { lr: 3e-4, label: "3e-4" },
    { lr: 1e-3, label: "1e-3" },
    { lr: 3e-3, label: "3e-3" },
  ];
  const seeds = [1, 2, 3];
  const maxSteps = 6000;
  const seqLen = 1024;
  const batchSize = 32;
  const tokensPerStep = seqLen * batchSize;
  const sweepGit = fakeGit("nanogpt/sweep-2026-01", "main", NANOGPT_REMOTE);
  // The sweep ran on 4 GPUs, one learning rate per GPU, the three seeds one after another.
  const sweepStart = unix("2026-01-05T14:02:11Z");

  lrs.forEach(({ lr, label }, li) => {
    for (const seed of seeds) {
      const id = `lr-${label}-seed${seed}`;
      const crash = label === "3e-3" && seed === 2;
      const created = sweepStart + (seed - 1) * 2460 + li * 7 + (makeRng(`start:${id}`).int(0, 90));
      const { rows } = simulateLm(`nanogpt/${id}`, {
        lr,
        maxSteps,
        tokensPerStep,
        throughput: 142_000,
        startTime: created,
        crashAt: crash ? 1720 : null,
      });
      const evals = rows.filter((r) => "val/loss" in r);
      const best = evals.reduce((a, r) => (r["val/loss"] < a["val/loss"] ? r : a));
      const lastStep = rows.at(-1).step;
      const tags = ["sweep", "lr-sweep"];
      if (label === "3e-4") tags.push("baseline");
      if (crash) tags.push("diverged");
      let notes;
      if (crash) {
        notes =
          "Diverged. Loss spiked at step ~1,700 and kept climbing; grad norm went from ~0.5 to >100 " +
          "within 120 steps and the loss became NaN at step " +
          rows.find((r) => Number.isNaN(r["train/loss"]))?.step +
          ". The trainer raised FloatingPointError on the non-finite loss and the job exited, so the run " +
          "is marked crashed. Not resumed: the other two 3e-3 seeds survived but are spiky, which is " +
          "enough to call 3e-3 past the stable edge for this batch size and warmup.";
      } else if (label === "3e-3") {
        notes =
          "Survived, but with repeated loss spikes (grad-norm clipping at 1.0 catches most of them). " +
          "Final loss is worse than 1e-3; see seed 2, which diverged.";
      } else if (label === "3e-4") {
        notes = "Baseline learning rate from the nanoGPT GPT-2 config, scaled for batch 32 x 1024.";
      } else if (label === "1e-4") {
        notes = "Clearly undertrained at 6k steps; loss still falling steeply at the end of the cosine.";
      } else {
        notes = "Best learning rate of the sweep.";
      }
      runs.push(
        writeRun(
          "nanogpt",
          id,
          "csv",
          {
            name: id,
            group: `lr=${label}`,
            tags,
            state: crash ? "crashed" : "finished",
            created: iso(created),
            notes,
            git: sweepGit,
            config: {
              optimizer: { name: "adamw", lr, betas: [0.9, 0.95], weight_decay: 0.1, grad_clip: 1.0 },
              schedule: { kind: "cosine", warmup_steps: 300, min_lr_ratio: 0.1 },
              model: { n_layer: 12, n_head: 12, n_embd: 768, vocab_size: VOCAB, dropout: 0.0 },
              data: { dataset: "openwebtext", seq_len: seqLen, batch_size: batchSize },
              seed,
              max_steps: maxSteps,
              eval_interval: 250,
              dtype: "bfloat16",
              compile: true,
            },
            summary: {
              "best/val_loss": best["val/loss"],
              "best/val_loss_step": best.step,
              tokens_seen: (lastStep + 1) * tokensPerStep,
              params_M: 124.4,
            },
          },
          columns,
          rows,
        ),
      );
    }
  });

  // A long-context run still in progress: logged to history.jsonl as it goes.
  {
    const id = "long-context-running";
    const created = unix("2026-01-12T08:31:40Z");
    const maxStepsLc = 12000;
    const { rows } = simulateLm(`nanogpt/${id}`, {
      lr: 6e-4,
      maxSteps: maxStepsLc,
      stopAt: 4730,
      warmup: 500,
      tokensPerStep: 4096 * 8,
      throughput: 118_000,
      startTime: created,
      lInfShift: -0.06,
    });
    const evals = rows.filter((r) => "val/loss" in r);
    const best = evals.reduce((a, r) => (r["val/loss"] < a["val/loss"] ? r : a));
    runs.push(
      writeRun(
        "nanogpt",
        id,
        "jsonl",
        {
          name: id,
          group: "long-context",
          tags: ["long-context", "wip"],
          state: "running",
          created: iso(created),
          notes:
            "4k context with the same tokens per step as the sweep (8 x 4096). lr 6e-4, between the two " +
            "best sweep values. Still running: 4,730 of 12,000 steps at the time of export.",
          git: fakeGit("nanogpt/long-context", "feat/long-context", NANOGPT_REMOTE, true),
          config: {
            optimizer: { name: "adamw", lr: 6e-4, betas: [0.9, 0.95], weight_decay: 0.1, grad_clip: 1.0 },
            schedule: { kind: "cosine", warmup_steps: 500, min_lr_ratio: 0.1 },
            model: { n_layer: 12, n_head: 12, n_embd: 768, vocab_size: VOCAB, dropout: 0.0, rope: true },
            data: { dataset: "openwebtext", seq_len: 4096, batch_size: 8 },
            seed: 1,
            max_steps: maxStepsLc,
            eval_interval: 250,
            dtype: "bfloat16",
            compile: true,
          },
          summary: {
            "best/val_loss": best["val/loss"],
            "best/val_loss_step": best.step,
            tokens_seen: (rows.at(-1).step + 1) * 4096 * 8,
            params_M: 124.4,
          },
        },
        ["step", "time", "train/loss", "val/loss", "val/acc", "lr", "tokens_per_sec", "train/grad_norm"],
        rows,
      ),
    );
  }
  return runs;
}

// ---------------------------------------------------------------- cifar10

const CIFAR_REMOTE = "https://github.com/example/cifar10-baselines";
const STEPS_PER_EPOCH = 195; // 50,000 images / batch 256, drop_last
const EPOCHS = 100;

const ARCHS = {
  resnet18: {
    params: 11.17,
    opt: { name: "sgd", lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5e-4 },
    warmupEpochs: 5,
    speed: 0.041, // seconds per step on one A100, AMP
    evalSecs: 3.2,
    scale: 0.0055, // how fast the early loss falls (smaller = faster)
    trainLossFinal: 0.004,
    trainFloor: 0.34,
    trainErrFinal: 0.0004,
    valErrFinal: 0.047,
    valErrFloor: 0.1,
    valLossFinal: 0.17,
    overfit: 0.035,
    format: "json",
    model: { arch: "resnet18", stem: "3x3-conv", width: 64 },
  },
  resnet50: {
    params: 23.52,
    opt: { name: "sgd", lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 5e-4 },
    warmupEpochs: 5,
    speed: 0.098,
    evalSecs: 6.8,
    scale: 0.0065,
    trainLossFinal: 0.003,
    trainFloor: 0.33,
    trainErrFinal: 0.0003,
    valErrFinal: 0.049,
    valErrFloor: 0.105,
    valLossFinal: 0.18,
    overfit: 0.05,
    format: "json",
    model: { arch: "resnet50", stem: "3x3-conv", width: 64 },
  },
  "vit-tiny": {
    params: 5.36,
    opt: { name: "adamw", lr: 1e-3, betas: [0.9, 0.999], weight_decay: 0.05 },
    warmupEpochs: 10,
    speed: 0.052,
    evalSecs: 3.9,
    scale: 0.026,
    trainLossFinal: 0.08,
    trainFloor: 0.55,
    trainErrFinal: 0.026,
    valErrFinal: 0.128,
    valErrFloor: 0.12,
    valLossFinal: 0.44,
    overfit: 0.12,
    format: "jsonl",
    model: { arch: "vit-tiny", patch_size: 4, dim: 192, depth: 12, heads: 3 },
  },
  "convnext-tiny": {
    params: 27.82,
    opt: { name: "adamw", lr: 1e-3, betas: [0.9, 0.999], weight_decay: 0.05 },
    warmupEpochs: 5,
    speed: 0.118,
    evalSecs: 7.5,
    scale: 0.015,
    trainLossFinal: 0.012,
    trainFloor: 0.42,
    trainErrFinal: 0.0025,
    valErrFinal: 0.082,
    valErrFloor: 0.11,
    valLossFinal: 0.31,
    overfit: 0.09,
    format: "jsonl",
    model: { arch: "convnext-tiny", stem: "patchify-2x2", depths: "3-3-9-3" },
  },
  "mlp-mixer": {
    params: 2.24,
    opt: { name: "adamw", lr: 1e-3, betas: [0.9, 0.999], weight_decay: 0.05 },
    warmupEpochs: 10,
    speed: 0.034,
    evalSecs: 2.6,
    scale: 0.032,
    trainLossFinal: 0.15,
    trainFloor: 0.6,
    trainErrFinal: 0.05,
    valErrFinal: 0.154,
    valErrFloor: 0.12,
    valLossFinal: 0.5,
    overfit: 0.1,
    format: "jsonl",
    model: { arch: "mlp-mixer", patch_size: 4, hidden: 256, depth: 8 },
  },
};

function simulateClassifier(runKey, a, startTime) {
  const rng = makeRng(runKey);
  const total = STEPS_PER_EPOCH * EPOCHS;
  const warmup = a.warmupEpochs * STEPS_PER_EPOCH;
  const peak = a.opt.lr;
  const jitter = (x, s) => x * (1 + s * rng.normal());
  const p = {
    scale: jitter(a.scale, 0.05),
    trainLossFinal: jitter(a.trainLossFinal, 0.1),
    trainErrFinal: jitter(a.trainErrFinal, 0.1),
    valErrFinal: a.valErrFinal + 0.0018 * rng.normal(),
    valLossFinal: jitter(a.valLossFinal, 0.03),
  };
  const speed = jitter(a.speed, 0.03);
  const shape = 0.7;
  const rows = new Map();
  const rowAt = (step) => {
    if (!rows.has(step)) rows.set(step, { step });
    return rows.get(step);
  };
  let progress = 0;
  let time = startTime + rng.range(10, 16); // dataset load, first batch
  for (let step = 0; step <= total; step++) {
    const lrNow = warmupCosine(step, peak, warmup, total, 0);
    const r = lrNow / peak;
    // Early epochs learn fast even while the lr is still warming up.
    progress += (0.35 + 0.65 * r) / total;
    const h = Math.exp(-((progress / p.scale) ** shape));
    const late = (step / total) ** 4;
    time += Math.max(0.01, speed * (1 + 0.03 * rng.normal()));

    const isTrainLog = step % 50 === 0 && step > 0;
    const isEval = step % STEPS_PER_EPOCH === 0 && step > 0;
    if (isTrainLog || step === 0) {
      const cleanLoss = p.trainLossFinal + (2.303 - p.trainLossFinal) * h + a.trainFloor * r * (1 - h);
      const cleanErr = p.trainErrFinal + (0.9 - p.trainErrFinal) * h + a.trainFloor * 0.25 * r * (1 - h);
      // Batch statistics: binomial noise on accuracy, correlated noise on the loss.
      const z = rng.normal();
      const err = Math.min(0.92, Math.max(0, cleanErr + Math.sqrt((cleanErr * (1 - cleanErr)) / 256) * z));
      // Relative batch-loss noise is small at init and large once most samples are fit.
      const loss = Math.max(1e-4, cleanLoss * (1 + (0.03 + 0.2 * Math.exp(-cleanLoss)) * z));
      Object.assign(rowAt(step), {
        time: fixed(time, 2),
        epoch: fixed(step / STEPS_PER_EPOCH, 3),
        "train/loss": sig(loss, 5),
        "train/acc": sig(1 - err, 5),
        lr: sig(lrNow, 4),
      });
    }
    if (isEval) {
      const hv = Math.exp(-((progress / (p.scale * 1.3)) ** shape));
      // Evaluating at a high learning rate is noisy from epoch to epoch; it settles as lr anneals.
      const wobble = rng.normal() * 0.018 * r;
      const cleanErr = p.valErrFinal + (0.9 - p.valErrFinal) * hv + a.valErrFloor * r * (1 - hv);
      const err = Math.min(0.9, Math.max(0.01, cleanErr + Math.abs(wobble) + 0.002 * rng.normal()));
      const cleanLoss =
        p.valLossFinal + (2.303 - p.valLossFinal) * hv + a.valErrFloor * 2.6 * r * (1 - hv) + a.overfit * (late - 1);
      const loss = Math.max(0.02, cleanLoss + 3 * Math.abs(wobble) + 0.006 * rng.normal());
      time += a.evalSecs * (1 + 0.05 * rng.normal());
      Object.assign(rowAt(step), {
        time: fixed(time, 2),
        epoch: step / STEPS_PER_EPOCH,
        "val/loss": sig(loss, 5),
        "val/acc": sig(1 - err, 5),
      });
    }
  }
  return [...rows.values()].sort((x, y) => x.step - y.step);
}

function buildCifar10() {
  const runs = [];
  const columns = ["step", "time", "epoch", "train/loss", "train/acc", "val/loss", "val/acc", "lr"];
  const git = fakeGit("cifar10/baselines", "main", CIFAR_REMOTE);
  let launch = unix("2026-01-19T09:15:03Z");
  for (const [arch, a] of Object.entries(ARCHS)) {
    for (const seed of [1, 2]) {
      const id = `${arch}-seed${seed}`;
      const created = launch;
      const rows = simulateClassifier(`cifar10/${id}`, a, created);
      // Runs were queued one after another on one GPU.
      launch = rows.at(-1).time + 40 + makeRng(`gap:${id}`).int(0, 120);
      const evals = rows.filter((r) => "val/acc" in r);
      const best = evals.reduce((b, r) => (r["val/acc"] > b["val/acc"] ? r : b));
      const transformer = a.opt.name === "adamw";
      runs.push(
        writeRun(
          "cifar10",
          id,
          a.format,
          {
            name: id,
            group: arch,
            tags: ["baseline", transformer ? "adamw" : "sgd", ...(arch.startsWith("resnet") ? ["convnet"] : [])],
            state: "finished",
            created: iso(created),
            notes:
              arch === "vit-tiny"
                ? "ViT from scratch on 32x32 with only crop+flip: overfits: val loss bottoms out around epoch 80 and rises after, while val acc still creeps up."
                : arch === "mlp-mixer"
                  ? "Weakest of the set; no token-mixing dropout or strong augmentation."
                  : `Standard ${arch} recipe, ${EPOCHS} epochs.`,
            git,
            config: {
              model: { ...a.model, num_classes: 10 },
              optimizer: a.opt,
              schedule: { kind: "cosine", warmup_epochs: a.warmupEpochs },
              data: { dataset: "cifar10", batch_size: 256, augment: "random-crop-4+hflip", normalize: true },
              epochs: EPOCHS,
              max_steps: STEPS_PER_EPOCH * EPOCHS,
              seed,
              amp: true,
            },
            summary: {
              "best/val_acc": best["val/acc"],
              "best/val_acc_epoch": best.epoch,
              params_M: a.params,
            },
          },
          columns,
          rows,
        ),
      );
    }
  }

  // Runs that exist only as final numbers: references and an old export from a previous tracker.
  const tableCols = [
    "id", "name", "group", "tags", "state", "created", "duration",
    "config.model.arch", "config.optimizer.name", "config.optimizer.lr", "config.epochs",
    "config.data.batch_size", "config.data.augment", "config.seed",
    "summary.val/acc", "summary.val/loss", "summary.params_M",
  ];
  const table = [
    ["reference-resnet110-he2015", "reference-resnet110-he2015", "reference", "reference;paper", "finished",
      "2015-12-10T00:00:00Z", "", "resnet110", "sgd", 0.1, 164, 128, "random-crop-4+hflip", "",
      0.9357, "", 1.7],
    ["reference-resnet18-kuangliu", "reference-resnet18-kuangliu", "reference", "reference;community", "finished",
      "2017-06-01T00:00:00Z", "", "resnet18", "sgd", 0.1, 200, 128, "random-crop-4+hflip", "",
      0.9302, "", 11.17],
    ["reference-resnet50-kuangliu", "reference-resnet50-kuangliu", "reference", "reference;community", "finished",
      "2017-06-01T00:00:00Z", "", "resnet50", "sgd", 0.1, 200, 128, "random-crop-4+hflip", "",
      0.9362, "", 23.52],
    ["legacy-resnet18-200ep", "legacy-resnet18-200ep", "resnet18", "legacy;convnet;sgd", "finished",
      "2025-06-17T13:40:22Z", 1712.4, "resnet18", "sgd", 0.1, 200, 256, "random-crop-4+hflip", 0,
      0.9541, 0.1688, 11.17],
  ];
  const lines = [tableCols.join(","), ...table.map((row) => row.map(csvCell).join(","))];
  writeFile("cifar10/runs.csv", lines.join("\n"));
  for (const row of table) runs.push({ id: `cifar10/${row[0]}`, format: "runs.csv", rows: 0, state: row[4] });
  return runs;
}

// ---------------------------------------------------------------- main

for (const project of OWNED_PROJECTS) rmSync(join(RUNS_DIR, project), { recursive: true, force: true });
const all = [...buildNanogpt(), ...buildCifar10()];
for (const r of all) {
  const s = r.summary ?? {};
  const extra = s["best/val_loss"] !== undefined ? ` best/val_loss=${s["best/val_loss"]}` : s["best/val_acc"] !== undefined ? ` best/val_acc=${s["best/val_acc"]}` : "";
  console.log(`${r.id.padEnd(36)} ${r.format.padEnd(8)} ${String(r.rows).padStart(4)} rows  ${r.state}${extra}`);
}
console.log(`${all.length} runs written to ${RUNS_DIR}`);
