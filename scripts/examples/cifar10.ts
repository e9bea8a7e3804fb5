/**
 * The `cifar10` example project: two seeds each of five architectures trained from scratch, and a
 * runs.csv of runs that exist only as final numbers (paper references, an older export).
 */
import { makeRng } from "./random.ts";
import { fakeGit, fixed, historyCell, iso, sig, unix, warmupCosine, type Row, type RunFormat, type RunWriter, type WrittenRun } from "./write.ts";

const CIFAR_REMOTE = "https://github.com/example/cifar10-baselines";
const STEPS_PER_EPOCH = 195; // 50,000 images / batch 256, drop_last
const EPOCHS = 100;

/** An architecture's recipe and the shape of its curves. */
interface Arch {
  params: number;
  opt: { name: string; lr: number; [key: string]: unknown };
  warmupEpochs: number;
  /** Seconds per step on one A100, AMP. */
  speed: number;
  evalSecs: number;
  /** How fast the early loss falls (smaller = faster). */
  scale: number;
  trainLossFinal: number;
  trainFloor: number;
  trainErrFinal: number;
  valErrFinal: number;
  valErrFloor: number;
  valLossFinal: number;
  overfit: number;
  format: RunFormat;
  model: Record<string, unknown>;
}

const ARCHS: Record<string, Arch> = {
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

function simulateClassifier(runKey: string, a: Arch, startTime: number): Row[] {
  const rng = makeRng(runKey);
  const total = STEPS_PER_EPOCH * EPOCHS;
  const warmup = a.warmupEpochs * STEPS_PER_EPOCH;
  const peak = a.opt.lr;
  const jitter = (x: number, s: number): number => x * (1 + s * rng.normal());
  const p = {
    scale: jitter(a.scale, 0.05),
    trainLossFinal: jitter(a.trainLossFinal, 0.1),
    trainErrFinal: jitter(a.trainErrFinal, 0.1),
    valErrFinal: a.valErrFinal + 0.0018 * rng.normal(),
    valLossFinal: jitter(a.valLossFinal, 0.03),
  };
  const speed = jitter(a.speed, 0.03);
  const shape = 0.7;
  const rows = new Map<number, Row>();
  const rowAt = (step: number): Row => {
    if (!rows.has(step)) rows.set(step, { step } as Row);
    return rows.get(step)!;
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

export function buildCifar10(out: RunWriter): WrittenRun[] {
  const runs: WrittenRun[] = [];
  const columns = ["step", "time", "epoch", "train/loss", "train/acc", "val/loss", "val/acc", "lr"];
  const git = fakeGit("cifar10/baselines", "main", CIFAR_REMOTE);
  let launch = unix("2026-01-19T09:15:03Z");
  for (const [arch, a] of Object.entries(ARCHS)) {
    for (const seed of [1, 2]) {
      const id = `${arch}-seed${seed}`;
      const created = launch;
      const rows = simulateClassifier(`cifar10/${id}`, a, created);
      // Runs were queued one after another on one GPU.
      launch = rows.at(-1)!.time + 40 + makeRng(`gap:${id}`).int(0, 120);
      const evals = rows.filter((r) => "val/acc" in r);
      const best = evals.reduce((b, r) => (r["val/acc"]! > b["val/acc"]! ? r : b));
      const transformer = a.opt.name === "adamw";
      runs.push(
        out.run(
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
              "best/val_acc": best["val/acc"]!,
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
  const table: (string | number)[][] = [
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
  const lines = [tableCols.join(","), ...table.map((row) => row.map(historyCell).join(","))];
  out.file("cifar10/runs.csv", lines.join("\n"));
  for (const row of table) runs.push({ id: `cifar10/${row[0]}`, format: "runs.csv", rows: 0, state: String(row[4]) });
  return runs;
}

