/**
 * python/runfolio.py media, tables, histograms, evaluation plots and system metrics, end to end:
 * scripts run by the machine's `python3`; the files they leave are checked against the run-folder
 * formats (docs/run-format.md), images decoded with sharp, plots loaded by the project's loader.
 * A SIGKILL test kills a child mid-loop and checks that every index line but possibly a torn last
 * one parses and that every indexed file exists. Skipped, with a message, when `python3` is missing;
 * array tests are skipped, with a message, when numpy is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { clearRunCaches, loadAllRuns } from "../../src/core/runs/loadRuns.ts";
import type { RunPlot } from "../../src/core/plots/runPlot.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pythonDir = path.join(repoRoot, "python");
const probe = spawnSync("python3", ["-c", "import sys; print(sys.version_info >= (3, 8))"], { encoding: "utf8" });
const hasPython = probe.status === 0 && probe.stdout.trim() === "True";
if (!hasPython) console.warn("skipping python logger media tests: no python3 (3.8+) on PATH");
const hasNumpy = hasPython && spawnSync("python3", ["-c", "import numpy"]).status === 0;
if (hasPython && !hasNumpy) console.warn("skipping python logger array-image test: numpy is not installed");

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(script: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "runfolio-pymedia-"));
  dirs.push(dir);
  const file = path.join(dir, "train.py");
  writeFileSync(file, `import sys\nsys.path.insert(0, ${JSON.stringify(pythonDir)})\n${script}`);
  return { dir, file };
}

function runPython(script: string, env: NodeJS.ProcessEnv = process.env): { dir: string; status: number | null; stderr: string; stdout: string } {
  const { dir, file } = project(script);
  const r = spawnSync("python3", [file], { cwd: dir, encoding: "utf8", timeout: 60_000, env });
  return { dir, status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** The run-folder files this branch's loader does not read yet (RUN025, "not a run file"). */
const NEW_FILES = /\/(media\.jsonl|system\.jsonl|tables\/.+\.jsonl|histograms\/.+\.jsonl)$/;

async function load(dir: string) {
  clearRunCaches();
  const { runs, diagnostics } = await loadAllRuns(dir);
  return { runs, diagnostics: diagnostics.filter((d) => !(d.code === "RUN025" && NEW_FILES.test(d.file))) };
}

/** A greyscale PNG's channel count as stored, and its pixel values (sharp reads grey as RGB). */
async function greyPixels(file: string): Promise<number[]> {
  const stored = (await sharp(file).metadata()).channels;
  return [stored ?? 0, ...(await sharp(file).extractChannel(0).raw().toBuffer())];
}

const lines = (file: string): unknown[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as unknown);

describe.skipIf(!hasPython)("python/runfolio.py media", { timeout: 180_000 }, () => {
  it("writes images, audio, tables with image cells, histograms and plots in the run-folder formats", async () => {
    const r = runPython(`
import runfolio as wandb, os
run = wandb.init(project="vision", name="cnn")
# 2x3 RGB image as nested lists (no numpy), floats in 0..1 -> 0..255
grid = [[[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]], [[0, 0, 0], [0.5, 0.5, 0.5], [1.0, 1.0, 1.0]]]
png = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "given.png"), "wb")
png.write(bytes(wandb.Image([[0, 255], [255, 0]]).data)); png.close()
for epoch in range(2):
    wandb.log({
        "acc": 0.5 + epoch / 4,
        "samples": [wandb.Image(grid, caption="cat \u2192 dog", boxes=[{"x": 0, "y": 0, "w": 2, "h": 1, "label": "cat", "score": 0.75}]),
                    wandb.Image("given.png")],
        "val": {"boxes": wandb.Image(grid, boxes={"pred": {"box_data": [{"position": {"minX": 0, "maxX": 0.5, "minY": 0, "maxY": 1}, "class_id": 1, "scores": {"p": 0.5}}], "class_labels": {1: "dog"}}})},
        "speech": wandb.Audio([0.0, 0.5, -0.5, 1.0], sample_rate=8000, caption="hi"),
        "preds": wandb.Table(columns=["id", "image", "label", "pred", "score"],
                             data=[[i, wandb.Image(grid), "cat", "dog" if i == epoch else "cat", 0.25 * i] for i in range(3)]),
        "misc": wandb.Table(columns=["list", "nan", "flag"], data=[[[1, 2], float("nan"), True]]),
        "weights/fc1": wandb.Histogram([0, 1, 1, 2, 2, 2, 3, float("nan")], num_bins=3),
        "weights/given": wandb.Histogram(([1, 2], [0.0, 0.5, 1.0])),
        "val/confusion": wandb.plot.confusion_matrix(y_true=[0, 1, 1, 2], preds=[0, 1, 2, 2], class_names=["a", "b", "c"]),
        "val/roc": wandb.roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
        "val/pr": wandb.plot.pr_curve([0, 1, 1], [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]], labels=["neg", "pos"]),
    }, step=epoch * 10)
wandb.log({"val/roc": wandb.roc_curve([0, 1], [0.2, 0.9])}, step=10)  # same step again: replaces it
wandb.finish()
`);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const folder = path.join(r.dir, "runs/vision/cnn");
    const media = lines(path.join(folder, "media.jsonl")) as Record<string, unknown>[];
    expect(media.map((m) => [m.step, m.key, m.file])).toEqual([
      [0, "samples", "media/samples/0_0.png"],
      [0, "samples", "media/samples/0_1.png"],
      [0, "val/boxes", "media/val/boxes/0_0.png"],
      [0, "speech", "media/speech/0_0.wav"],
      [10, "samples", "media/samples/10_0.png"],
      [10, "samples", "media/samples/10_1.png"],
      [10, "val/boxes", "media/val/boxes/10_0.png"],
      [10, "speech", "media/speech/10_0.wav"],
    ]);
    expect(media[0]).toMatchObject({ caption: "cat → dog", width: 3, height: 2, boxes: [{ x: 0, y: 0, w: 2, h: 1, label: "cat", score: 0.75 }] });
    // W&B's relative box (0..0.5 of 3 px wide, 0..1 of 2 px high) in pixels, with its class name.
    expect(media[2]!.boxes).toEqual([{ x: 0, y: 0, w: 1.5, h: 2, label: "dog", score: 0.5 }]);
    expect(media[3]).toMatchObject({ caption: "hi" });
    expect(media[3]).not.toHaveProperty("width");

    const { data, info } = await sharp(path.join(folder, "media/samples/0_0.png")).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 3]);
    expect([...data]).toEqual([255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 128, 128, 128, 255, 255, 255]);
    expect(await greyPixels(path.join(folder, "media/samples/0_1.png"))).toEqual([1, 0, 255, 255, 0]);
    const wav = readFileSync(path.join(folder, "media/speech/0_0.wav"));
    expect(wav.subarray(0, 4).toString()).toBe("RIFF");
    expect(wav.readUInt32LE(24)).toBe(8000); // sample rate
    expect([...Array(4).keys()].map((i) => wav.readInt16LE(44 + 2 * i))).toEqual([0, 16384, -16384, 32767]);

    const rows = lines(path.join(folder, "tables/preds.jsonl")) as Record<string, unknown>[];
    expect(rows).toHaveLength(6);
    expect(rows[1]).toEqual({ id: 1, image: { media: "media/preds/0_row1.png" }, label: "cat", pred: "cat", score: 0.25, step: 0 });
    expect(rows[4]).toMatchObject({ id: 1, pred: "dog", step: 10 });
    for (const row of rows) expect(existsSync(path.join(folder, (row.image as { media: string }).media))).toBe(true);

    // Cells are scalars: a list is kept as JSON text; NaN is the bare token the table reader accepts.
    expect(readFileSync(path.join(folder, "tables/misc.jsonl"), "utf8").split("\n")[0]).toBe('{"list":"[1,2]","nan":NaN,"flag":true,"step":0}');
    const hist = lines(path.join(folder, "histograms/weights/fc1.jsonl"));
    expect(hist).toEqual([
      { step: 0, edges: [0, 1, 2, 3], counts: [1, 2, 4] }, // NaN left out; the maximum falls in the last bin
      { step: 10, edges: [0, 1, 2, 3], counts: [1, 2, 4] },
    ]);
    expect(lines(path.join(folder, "histograms/weights/given.jsonl"))[0]).toEqual({ step: 0, edges: [0, 0.5, 1], counts: [1, 2] });

    const { runs, diagnostics } = await load(r.dir);
    expect(diagnostics).toEqual([]);
    const plots = runs[0]!.plots ?? [];
    const byName = (name: string): RunPlot[] => plots.filter((p) => p.name === name);
    expect(byName("val-confusion").map((p) => p.step)).toEqual([0, 10]);
    expect(byName("val-confusion")[0]).toMatchObject({ type: "confusion", labels: ["a", "b", "c"], matrix: [[1, 0, 0], [0, 1, 1], [0, 0, 1]] });
    const roc = byName("val-roc");
    expect(roc.map((p) => p.step)).toEqual([0, 10]);
    // scikit-learn's roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75; the replaced step 10 is a perfect split.
    expect(roc[0]!.type === "roc" && roc[0]!.curves[0]!.area).toBe(0.75);
    expect(roc[1]!.type === "roc" && roc[1]!.curves[0]!.area).toBe(1);
    const pr = byName("val-pr")[0]!;
    expect(pr.type === "pr" && pr.curves.map((c) => c.class)).toEqual(["neg", "pos"]);
  });

  it.skipIf(!hasNumpy)("encodes numpy arrays (uint8 grey and RGB, float 0..1, channels-first) as PNG and bins arrays as lists", async () => {
    const r = runPython(`
import runfolio, numpy as np
run = runfolio.init(project="p", name="arrays")
rgb = np.zeros((4, 5, 3), dtype=np.uint8); rgb[1, 2] = [10, 20, 30]
grey = np.arange(6, dtype=np.uint8).reshape(2, 3) * 40
chw = np.ones((3, 2, 2), dtype=np.float32) * 0.5
run.log({"a": [runfolio.Image(rgb), runfolio.Image(grey), runfolio.Image(chw)]})
run.finish()
values = np.random.default_rng(0).normal(size=10000)
values[3] = np.nan
h, l = runfolio.Histogram(values, num_bins=30), runfolio.Histogram(values.tolist(), num_bins=30)
print(h.counts == l.counts, h.edges == l.edges, sum(h.counts))
`);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("True True 9999");
    const folder = path.join(r.dir, "runs/p/arrays/media/a");
    const rgb = await sharp(path.join(folder, "0_0.png")).raw().toBuffer({ resolveWithObject: true });
    expect([rgb.info.width, rgb.info.height, rgb.info.channels]).toEqual([5, 4, 3]);
    expect([...rgb.data.subarray((1 * 5 + 2) * 3, (1 * 5 + 2) * 3 + 3)]).toEqual([10, 20, 30]);
    expect(await greyPixels(path.join(folder, "0_1.png"))).toEqual([1, 0, 40, 80, 120, 160, 200]);
    const chw = await sharp(path.join(folder, "0_2.png")).raw().toBuffer({ resolveWithObject: true });
    expect([chw.info.width, chw.info.height, chw.info.channels, chw.data[0]]).toEqual([2, 2, 3, 128]);
  });

  it("rejects bad media and plot input with a clear error, and skips a second histogram at one step", () => {
    const r = runPython(`
import runfolio, warnings
warnings.simplefilter("always")
def err(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ": " + str(e))
err(lambda: runfolio.Image(b"not an image"))
err(lambda: runfolio.Image("notes.txt"))
err(lambda: runfolio.Audio(b"\\x89PNG\\r\\n\\x1a\\n...."))
err(lambda: runfolio.confusion_matrix(["a", "b"], ["a", "x"], labels=["a", "b"]))
err(lambda: runfolio.roc_curve([0, 2], [0.1, 0.2]))
err(lambda: runfolio.pr_curve([0, 1], [0.1, float("nan")]))
err(lambda: runfolio.Histogram(([1, 2], [0, 1])))
err(lambda: runfolio.Table(columns=["a", "b"], data=[[1]]))
err(lambda: runfolio.plot.confusion_matrix(y_true=[5], preds=[0], class_names=["a"]))
print(runfolio.Audio(b"RIFF\\x00\\x00\\x00\\x00WAVEfmt ", "a caption").caption)
run = runfolio.init(project="p", name="dup")
run.log({"h": runfolio.Histogram([1, 2], num_bins=2)}, step=1)
run.log({"h": runfolio.Histogram([3, 4])}, step=1)
run.log({"img": runfolio.Image([[0]])}, step=1.5)
run.finish()
`);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      "ValueError: runfolio.Image: the bytes are not an image file (expected png, jpg, jpeg, webp, gif, svg)",
      "ValueError: runfolio.Image: 'notes.txt' is not an image file (expected the extension png, jpg, jpeg, webp, gif, svg)",
      "ValueError: runfolio.Audio: the bytes are not an audio file (expected wav, mp3)",
      "ValueError: runfolio.confusion_matrix: 'x' is not one of labels ['a', 'b']",
      "ValueError: runfolio.roc_curve: binary y_true must be 0/1 or False/True (pass labels= and a row of scores per example for several classes)",
      "ValueError: runfolio.pr_curve: scores must be finite numbers",
      "ValueError: runfolio.Histogram: 2 edges for 2 counts (need one more edge than counts)",
      "ValueError: runfolio.Table: a row has 1 cells for 2 columns",
      "ValueError: runfolio.plot: 5 is neither a class index (0-0) nor one of ['a']",
      "a caption", // Audio(path_or_bytes, caption) as well as W&B's Audio(data, sample_rate, caption)
    ]);
    expect(r.stderr).toContain("histogram 'h' was already logged at step 1");
    expect(r.stderr).toContain("'img' needs a whole step from 0 on (got 1.5); not written");
    const folder = path.join(r.dir, "runs/p/dup");
    expect(lines(path.join(folder, "histograms/h.jsonl"))).toEqual([{ step: 1, edges: [1, 1.5, 2], counts: [1, 1] }]);
    expect(existsSync(path.join(folder, "media.jsonl"))).toBe(false);
  });

  it("samples system metrics from /proc and nvidia-smi into system.jsonl until the run ends", async () => {
    const { dir: binDir } = project("");
    mkdirSync(path.join(binDir, "bin"));
    const fake = path.join(binDir, "bin/nvidia-smi");
    // Two GPUs as `nvidia-smi --query-gpu=index,... --format=csv,noheader,nounits` prints them.
    writeFileSync(fake, "#!/bin/sh\nprintf '0, 97, 20210, 24576, 71, 251.40\\n1, [N/A], 0, 24576, 40, [N/A]\\n'\n");
    chmodSync(fake, 0o755);
    const r = runPython(
      `
import runfolio, time
run = runfolio.init(project="p", name="sys", system_metrics=True, system_metrics_interval=0.05)
time.sleep(1.0)
run.finish()
n = len(open("runs/p/sys/system.jsonl").read().splitlines())
time.sleep(0.3)
print(n, len(open("runs/p/sys/system.jsonl").read().splitlines()))
`,
      { ...process.env, PATH: `${path.join(binDir, "bin")}:${process.env.PATH ?? ""}` },
    );
    expect(r.stderr).toBe("");
    const [before, after] = r.stdout.trim().split(" ").map(Number);
    expect(before).toBeGreaterThanOrEqual(2);
    expect(after).toBe(before); // the sampler stopped at finish
    const samples = lines(path.join(r.dir, "runs/p/sys/system.jsonl")) as Record<string, number | null>[];
    for (const s of samples) {
      expect(Math.abs(s.time! - Date.now() / 1000)).toBeLessThan(3600);
      for (const v of Object.values(s)) expect(v === null || Number.isFinite(v)).toBe(true);
      if (existsSync("/proc/meminfo")) {
        expect(s["memory.percent"]).toBeGreaterThan(0);
        expect(s["memory.percent"]).toBeLessThanOrEqual(100);
        expect(s["memory.used_mb"]).toBeGreaterThan(0);
      }
      expect(s).toMatchObject({
        "gpu.0.utilization": 97,
        "gpu.0.memory_used_mb": 20210,
        "gpu.0.memory_percent": 82.2, // 20210 / 24576
        "gpu.0.temperature_c": 71,
        "gpu.0.power_w": 251.4,
        "gpu.1.utilization": null,
        "gpu.1.power_w": null,
      });
    }
    if (existsSync("/proc/stat")) expect(samples.every((s) => typeof s["cpu.percent"] === "number")).toBe(true);
    const times = samples.map((s) => s.time!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("leaves valid index files after SIGKILL mid-loop: every indexed file exists, at worst the last line is torn", async () => {
    const { dir, file } = project(`
import runfolio, random
rng = random.Random(1)
run = runfolio.init(project="p", name="killed", system_metrics=True, system_metrics_interval=0.01)
i = 0
while True:
    img = [[[rng.randrange(256) for _ in range(3)] for _ in range(16)] for _ in range(16)]
    run.log({
        "loss": 1.0 / (i + 1),
        "samples": [runfolio.Image(img, caption="step %d" % i), runfolio.Image(img)],
        "preds": runfolio.Table(columns=["id", "image", "score"], data=[[k, runfolio.Image(img), rng.random()] for k in range(3)]),
        "weights/fc": runfolio.Histogram([rng.gauss(0, 1) for _ in range(200)], num_bins=16),
        "confusion": runfolio.confusion_matrix([rng.randrange(3) for _ in range(50)], [rng.randrange(3) for _ in range(50)], labels=[0, 1, 2]),
    }, step=i)
    if i == 30:
        print("ready", flush=True)
    i += 1
`);
    const child = spawn("python3", [file], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    const folder = path.join(dir, "runs/p/killed");

    /** The parsed lines of an index file; a last line without its newline may be torn (not parsed). */
    const indexLines = (rel: string): Record<string, unknown>[] => {
      const text = readFileSync(path.join(folder, rel), "utf8");
      const parts = text.split("\n");
      const last = parts.pop()!; // "" when the file ends with a newline
      const parsed = parts.map((l) => JSON.parse(l) as Record<string, unknown>);
      if (last !== "") {
        try {
          parsed.push(JSON.parse(last) as Record<string, unknown>);
        } catch {
          // torn by the kill: the only line allowed not to parse
        }
      }
      return parsed;
    };
    const media = indexLines("media.jsonl");
    expect(media.length).toBeGreaterThanOrEqual(60);
    for (const m of media) {
      const meta = await sharp(path.join(folder, m.file as string)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", 16, 16]);
    }
    const rows = indexLines("tables/preds.jsonl");
    expect(rows.length).toBeGreaterThanOrEqual(90);
    for (const row of rows) expect(existsSync(path.join(folder, (row.image as { media: string }).media))).toBe(true);
    const hist = indexLines("histograms/weights/fc.jsonl");
    expect(hist.map((h) => h.step)).toEqual([...hist.keys()]);
    for (const h of hist) expect((h.counts as number[]).reduce((a, b) => a + b, 0)).toBe(200);
    expect(indexLines("system.jsonl").length).toBeGreaterThan(0);
    // plots/confusion.json is replaced whole: always valid, one entry per step written so far.
    const confusion = JSON.parse(readFileSync(path.join(folder, "plots/confusion.json"), "utf8")) as { step: number }[];
    expect(confusion.map((c) => c.step)).toEqual([...confusion.keys()]);
    expect(readdirSync(path.join(folder, "plots")).filter((f) => !f.startsWith("."))).toEqual(["confusion.json"]);

    const { runs, diagnostics } = await load(dir);
    // The only error a kill may leave: a syntax error (RUN001) on the last line of a file that does not end in a newline.
    const tornLine = (d: { file: string; line: number; code: string }): boolean => {
      const text = readFileSync(path.join(dir, d.file), "utf8");
      return d.code === "RUN001" && !text.endsWith("\n") && d.line === text.split("\n").length;
    };
    expect(diagnostics.filter((d) => d.severity === "error" && !tornLine(d))).toEqual([]);
    expect(runs[0]!.state).toBe("running");
    expect(runs[0]!.plots!.length).toBe(confusion.length);
  });
});
