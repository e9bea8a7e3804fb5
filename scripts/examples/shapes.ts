/**
 * The `shapes` example project: five small image classifiers (circle / square / triangle / cross on
 * noise, 32 px) trained for 8 epochs, written in the run-folder formats of issue 16 as the Python
 * logger writes them: per-epoch sample predictions with captions and boxes (media.jsonl), a
 * predictions table over a fixed slice of the validation set, confusion / PR / ROC plots per epoch,
 * weight histograms per epoch, system metrics, and history.csv.
 *
 * The predictions are simulated per (run, example, epoch) from the example's difficulty (small,
 * faint shapes are hard), a per-run skill that grows with training, and a per-run, per-example
 * offset — so seeds of one model mostly agree and disagree on the hard examples, and the weak
 * models confuse the classes that look alike (circle/square, triangle/cross).
 */
import { drawShape, encodePng, SHAPE_CLASSES, type ShapeClass } from "./drawShapes.ts";
import { makeRng, type Rng } from "./random.ts";
import { fakeGit, fixed, iso, sig, unix, warmupCosine, type Row, type RunWriter, type WrittenRun } from "./write.ts";

const PROJECT = "shapes";
const REMOTE = "https://github.com/example/shapes-classifier";
const EPOCHS = 8;
const STEPS_PER_EPOCH = 375; // 48,000 training images / batch 128
const VAL_SIZE = 128;
/** The validation examples shown as images: the predictions table and the sample grid. */
const TABLE_SIZE = 32;
const SAMPLE_IDS = [0, 1, 2, 3, 5, 6, 13, 18];
const TRAIN_SAMPLES = 4;
const SYSTEM_INTERVAL = 2;

/** Which wrong class an uncertain model drifts to (row: true class, column: predicted class). */
const LOOKALIKE: Record<ShapeClass, Record<ShapeClass, number>> = {
  circle: { circle: 0, square: 1, triangle: 0.2, cross: 0.1 },
  square: { circle: 0.8, square: 0, triangle: 0.1, cross: 0.3 },
  triangle: { circle: 0.2, square: 0.1, triangle: 0, cross: 0.9 },
  cross: { circle: 0.1, square: 0.4, triangle: 0.7, cross: 0 },
};

interface Model {
  id: string;
  group: string;
  tags: string[];
  seed: number;
  arch: "cnn" | "cnn-wide" | "mlp";
  augment: boolean;
  /** Margin of the true class once trained (logit units). */
  skill: number;
  /** Epochs to learn most of it. */
  learn: number;
  /** How much a hard example hurts. */
  hardness: number;
  /** Late-epoch loss of margin from overfitting (no augmentation). */
  overfit: number;
  params: number;
  lr: number;
  /** Seconds per training step. */
  speed: number;
  gpuUtil: number;
  gpuMemMb: number;
  notes: string;
  layers: Record<string, number>;
}

const MODELS: Model[] = [
  {
    id: "cnn-aug-seed1", group: "cnn-aug", tags: ["cnn", "augment"], seed: 1, arch: "cnn", augment: true,
    skill: 4.0, learn: 2.4, hardness: 3.8, overfit: 0, params: 0.06, lr: 0.05, speed: 0.061, gpuUtil: 78, gpuMemMb: 1830,
    notes: "Baseline: 3 conv layers (16-32-64), flip + colour jitter.",
    layers: { conv1: 432, conv2: 4608, fc: 256 },
  },
  {
    id: "cnn-aug-seed2", group: "cnn-aug", tags: ["cnn", "augment"], seed: 2, arch: "cnn", augment: true,
    skill: 3.9, learn: 2.5, hardness: 3.8, overfit: 0, params: 0.06, lr: 0.05, speed: 0.062, gpuUtil: 77, gpuMemMb: 1830,
    notes: "Second seed of the baseline.",
    layers: { conv1: 432, conv2: 4608, fc: 256 },
  },
  {
    id: "cnn-noaug-seed1", group: "cnn-noaug", tags: ["cnn", "ablation"], seed: 1, arch: "cnn", augment: false,
    skill: 4.1, learn: 1.8, hardness: 4.3, overfit: 0.9, params: 0.06, lr: 0.05, speed: 0.055, gpuUtil: 81, gpuMemMb: 1790,
    notes: "Baseline without augmentation: train accuracy reaches 99%, validation accuracy falls after epoch 4 and small shapes suffer.",
    layers: { conv1: 432, conv2: 4608, fc: 256 },
  },
  {
    id: "cnn-wide-aug-seed1", group: "cnn-wide-aug", tags: ["cnn", "augment", "wide"], seed: 1, arch: "cnn-wide", augment: true,
    skill: 4.5, learn: 2.2, hardness: 3.5, overfit: 0, params: 0.24, lr: 0.05, speed: 0.094, gpuUtil: 93, gpuMemMb: 3110,
    notes: "Twice the channels (32-64-128).",
    layers: { conv1: 864, conv2: 18432, fc: 512 },
  },
  {
    id: "mlp-aug-seed1", group: "mlp-aug", tags: ["mlp", "augment"], seed: 1, arch: "mlp", augment: true,
    skill: 3.3, learn: 3.0, hardness: 3.7, overfit: 0, params: 0.79, lr: 1e-3, speed: 0.028, gpuUtil: 34, gpuMemMb: 1260,
    notes: "MLP on raw pixels (3072-256-4) as a floor: no translation invariance, so position and size matter.",
    layers: { fc1: 786432, fc2: 1024 },
  },
];

interface ValExample {
  id: string;
  cls: ShapeClass;
  /** 0 (big, high contrast) to 1 (small, faint). */
  difficulty: number;
  box: { x: number; y: number; w: number; h: number };
  png: Buffer | null;
}

function validationSet(): ValExample[] {
  return Array.from({ length: VAL_SIZE }, (_, i) => {
    const cls = SHAPE_CLASSES[i % SHAPE_CLASSES.length]!;
    const id = `val-${String(i).padStart(3, "0")}`;
    const img = drawShape(`val:${id}`, cls);
    const difficulty = Math.min(1, Math.max(0, 1 - 0.65 * img.scale - 0.55 * img.contrast + 0.15));
    return { id, cls, difficulty, box: img.box, png: i < TABLE_SIZE ? encodePng(img.width, img.height, img.rgb) : null };
  });
}

interface Prediction {
  pred: ShapeClass;
  probs: number[];
}

/** The model's class probabilities for one example at one epoch (1-based). */
function predict(m: Model, ex: ValExample, epoch: number, offset: number, rng: Rng): Prediction {
  const progress = 1 - Math.exp(-epoch / m.learn);
  // Untrained, every logit is noise (chance); training separates the true class, less so for hard examples.
  const margin = progress * (m.skill - m.hardness * ex.difficulty) - m.overfit * Math.max(0, epoch - 4) * 0.12 * ex.difficulty;
  const noise = 0.35 + 0.5 * (1 - progress);
  const logits = SHAPE_CLASSES.map((c) => {
    if (c === ex.cls) return margin + 0.9 * progress * offset + noise * rng.normal();
    return LOOKALIKE[ex.cls][c] * 1.6 * ex.difficulty * progress + noise * rng.normal();
  });
  const top = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - top));
  const total = exps.reduce((a, b) => a + b, 0);
  const probs = exps.map((e) => e / total);
  const best = probs.indexOf(Math.max(...probs));
  return { pred: SHAPE_CLASSES[best]!, probs };
}

/** Values drawn like a layer's weights at an epoch, binned as a TensorBoard histogram. */
function weightHistogram(rng: Rng, count: number, std: number, tail: number, bins = 24): { edges: number[]; counts: number[] } {
  const n = Math.min(count, 4000);
  const values = Array.from({ length: n }, () => (rng.uniform() < tail ? 3 : 1) * std * rng.normal());
  const lo = Math.floor(Math.min(...values) * 1000) / 1000;
  const hi = Math.ceil(Math.max(...values) * 1000) / 1000;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, k) => sig(lo + k * width, 5));
  const counts = new Array<number>(bins).fill(0);
  const per = count / n; // a subsample stands for the whole layer
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]! += 1;
  return { edges, counts: counts.map((c) => Math.round(c * per)) };
}

const jsonl = (objects: unknown[]): string => objects.map((o) => JSON.stringify(o)).join("\n");
const round = (x: number, places: number): number => fixed(x, places);

function writeRun(out: RunWriter, m: Model, val: ValExample[], created: number): { written: WrittenRun; end: number } {
  const dir = `${PROJECT}/${m.id}`;
  const rng = makeRng(`${dir}`);
  const offsets = val.map((ex) => makeRng(`${dir}/${ex.id}`).normal());
  const rows: Row[] = [];
  const media: unknown[] = [];
  const table: unknown[] = [];
  const confusion: unknown[] = [];
  const pr: unknown[] = [];
  const roc: unknown[] = [];
  const hist: Record<string, unknown[]> = Object.fromEntries(Object.keys(m.layers).map((l) => [l, []]));
  const evalAt: { start: number; end: number }[] = [];
  let time = created + rng.range(6, 9);
  let best = 0;

  for (const ex of val.slice(0, TABLE_SIZE)) out.bytes(`${dir}/media/val/${ex.id}.png`, ex.png!);
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let s = 1; s <= STEPS_PER_EPOCH; s++) {
      const step = (epoch - 1) * STEPS_PER_EPOCH + s;
      time += m.speed * (1 + 0.04 * rng.normal());
      if (step % 25 !== 0) continue;
      const t = step / (EPOCHS * STEPS_PER_EPOCH);
      const fit = 1 - Math.exp(-(t * EPOCHS) / (m.learn * (m.augment ? 1.15 : 0.8)));
      const floor = m.augment ? 0.22 / (m.skill / 4) : 0.01;
      const loss = Math.max(0.004, (1.386 - floor) * (1 - fit) + floor) * (1 + 0.08 * rng.normal());
      const acc = Math.min(1, Math.max(0.2, 1 - (0.75 * (1 - fit) + floor * 0.35) + 0.015 * rng.normal()));
      rows.push({ step, time: round(time, 2), epoch: round(step / STEPS_PER_EPOCH, 2), "train/loss": sig(loss, 4), "train/acc": sig(acc, 4), lr: sig(warmupCosine(step, m.lr, 150, EPOCHS * STEPS_PER_EPOCH, 0), 4) });
    }
    const step = epoch * STEPS_PER_EPOCH;
    const evalStart = time;
    const erng = makeRng(`${dir}/epoch${epoch}`);
    const preds = val.map((ex, i) => predict(m, ex, epoch, offsets[i]!, erng));
    const correct = preds.filter((p, i) => p.pred === val[i]!.cls).length;
    const valLoss = preds.reduce((a, p, i) => a - Math.log(Math.max(1e-6, p.probs[SHAPE_CLASSES.indexOf(val[i]!.cls)]!)), 0) / VAL_SIZE;
    time += 1.6 + 0.1 * erng.normal();
    evalAt.push({ start: evalStart, end: time });
    const row = rows.find((r) => r.step === step)!;
    Object.assign(row, { time: round(time, 2), "val/loss": sig(valLoss, 4), "val/acc": sig(correct / VAL_SIZE, 4) });
    best = Math.max(best, correct / VAL_SIZE);

    for (const i of SAMPLE_IDS) {
      const ex = val[i]!;
      const p = preds[i]!;
      const score = round(Math.max(...p.probs), 3);
      // The predicted box: the true one, off by more the less sure the model is, inside the image.
      const jit = (v: number): number => Math.round(v + (1 - score) * 4 * erng.normal());
      const x = Math.min(30, Math.max(0, jit(ex.box.x)));
      const y = Math.min(30, Math.max(0, jit(ex.box.y)));
      const w = Math.min(32 - x, Math.max(2, jit(ex.box.w)));
      const h = Math.min(32 - y, Math.max(2, jit(ex.box.h)));
      media.push({
        step, key: "val/predictions", file: `media/val/${ex.id}.png`, caption: `${ex.cls} → ${p.pred}`, width: 32, height: 32,
        boxes: [{ x, y, w, h, label: p.pred, score }],
      });
    }
    for (let k = 0; k < TRAIN_SAMPLES; k++) {
      const cls = SHAPE_CLASSES[erng.int(0, 3)]!;
      const img = drawShape(`${dir}/train/${epoch}/${k}`, cls, 32, m.augment);
      const file = `media/train/batch/${step}_${k}.png`;
      out.bytes(`${dir}/${file}`, encodePng(img.width, img.height, img.rgb));
      media.push({ step, key: "train/batch", file, caption: cls, width: 32, height: 32 });
    }
    preds.slice(0, TABLE_SIZE).forEach((p, i) => {
      const ex = val[i]!;
      table.push({ id: ex.id, image: { media: `media/val/${ex.id}.png` }, label: ex.cls, pred: p.pred, score: round(Math.max(...p.probs), 3), step });
    });
    const matrix = SHAPE_CLASSES.map((t) => SHAPE_CLASSES.map((c) => preds.filter((p, i) => val[i]!.cls === t && p.pred === c).length));
    confusion.push({ type: "confusion", labels: [...SHAPE_CLASSES], matrix, step });
    const curve = { labels: [...SHAPE_CLASSES], y_true: val.map((ex) => ex.cls), scores: preds.map((p) => p.probs.map((v) => round(v, 2))), step };
    pr.push({ type: "pr", ...curve });
    roc.push({ type: "roc", ...curve });
    for (const [layer, count] of Object.entries(m.layers)) {
      const init = layer.startsWith("conv") ? Math.sqrt(2 / (count / (layer === "conv1" ? 16 : 32))) * 0.5 : Math.sqrt(1 / Math.sqrt(count)) * 0.2;
      const grow = 1 + (m.augment ? 0.05 : 0.12) * epoch;
      hist[layer]!.push({ step, ...weightHistogram(makeRng(`${dir}/${layer}/${epoch}`), count, init * grow, m.augment ? 0.01 : 0.004 * epoch) });
    }
  }

  const system: unknown[] = [];
  const srng = makeRng(`${dir}/system`);
  let mem = 5150 + 40 * srng.normal();
  for (let t = created + SYSTEM_INTERVAL; t <= time; t += SYSTEM_INTERVAL) {
    const evaluating = evalAt.some((e) => t >= e.start && t <= e.end + SYSTEM_INTERVAL / 2);
    const warm = 1 - Math.exp(-(t - created) / 40);
    const util = t - created < 6 ? 3 : Math.min(100, Math.max(0, (evaluating ? 0.45 : 1) * m.gpuUtil + 4 * srng.normal()));
    mem = Math.min(7800, mem + 3 + 6 * srng.uniform());
    const gpuMem = t - created < 6 ? 310 : m.gpuMemMb + 12 * srng.int(0, 3);
    system.push({
      time: round(t, 1),
      "cpu.percent": round(Math.min(100, (evaluating ? 38 : 71) + 6 * srng.normal()), 1),
      "memory.used_mb": Math.round(mem),
      "memory.percent": round((100 * mem) / 32094, 1),
      "gpu.0.utilization": Math.round(util),
      "gpu.0.memory_used_mb": gpuMem,
      "gpu.0.memory_percent": round((100 * gpuMem) / 24564, 1),
      "gpu.0.temperature_c": Math.round(41 + 26 * warm * (m.gpuUtil / 90) + srng.normal()),
      "gpu.0.power_w": round(62 + 2.3 * util + 4 * srng.normal(), 1),
    });
  }

  out.file(`${dir}/media.jsonl`, jsonl(media));
  out.file(`${dir}/tables/predictions.jsonl`, jsonl(table));
  out.file(`${dir}/plots/confusion.json`, JSON.stringify(confusion));
  out.file(`${dir}/plots/pr.json`, JSON.stringify(pr));
  out.file(`${dir}/plots/roc.json`, JSON.stringify(roc));
  for (const [layer, lines] of Object.entries(hist)) out.file(`${dir}/histograms/weights/${layer}.jsonl`, jsonl(lines));
  out.file(`${dir}/system.jsonl`, jsonl(system));

  const written = out.run(
    PROJECT,
    m.id,
    "csv",
    {
      name: m.id,
      group: m.group,
      tags: m.tags,
      state: "finished",
      created: iso(created),
      notes: m.notes,
      git: fakeGit(`${PROJECT}/${m.group}`, "main", REMOTE),
      config: {
        model: { arch: m.arch, layers: Object.keys(m.layers) },
        optimizer: m.arch === "mlp" ? { name: "adamw", lr: m.lr, weight_decay: 0.01 } : { name: "sgd", lr: m.lr, momentum: 0.9, weight_decay: 5e-4 },
        data: { dataset: "shapes-32", train_size: 48000, val_size: VAL_SIZE, batch_size: 128, augment: m.augment ? "hflip+color-jitter" : "none" },
        epochs: EPOCHS,
        seed: m.seed,
      },
      summary: { "best/val_acc": sig(best, 4), params_M: m.params },
    },
    ["step", "time", "epoch", "train/loss", "train/acc", "val/loss", "val/acc", "lr"],
    rows,
  );
  return { written, end: time };
}

export function buildShapes(out: RunWriter): WrittenRun[] {
  const val = validationSet();
  let launch = unix("2026-02-09T15:02:11Z");
  return MODELS.map((m) => {
    const { written, end } = writeRun(out, m, val, launch);
    launch = Math.round(end + 25 + makeRng(`gap:${m.id}`).int(0, 60));
    return written;
  });
}
