/**
 * The committed `shapes` example project (scripts/examples/shapes.ts) against the run-folder media
 * formats: every indexed image exists and decodes at its stated size, table media cells exist,
 * histograms and plots are well formed and load, the numbers agree with each other (val/acc in
 * the history is the confusion matrix's diagonal share), and the runs disagree on some examples.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { clearRunCaches, loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import type { Run } from "../../src/core/run.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const projectDir = path.join(repoRoot, "runs/shapes");
const runIds = readdirSync(projectDir).sort();
const jsonl = (file: string): Record<string, unknown>[] =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("the shapes example project", () => {
  let runs: Run[];
  beforeAll(async () => {
    clearRunCaches();
    runs = (await loadAllRuns(repoRoot)).runs.filter((r) => r.project === "shapes");
  });

  it("has five finished runs with history, confusion, PR and ROC plots per epoch", () => {
    expect(runIds).toEqual(["cnn-aug-seed1", "cnn-aug-seed2", "cnn-noaug-seed1", "cnn-wide-aug-seed1", "mlp-aug-seed1"]);
    expect(runs.map((r) => r.id)).toEqual(runIds.map((id) => `shapes/${id}`));
    for (const run of runs) {
      expect(run.state).toBe("finished");
      expect(run.metrics).toEqual(expect.arrayContaining(["train/loss", "train/acc", "val/loss", "val/acc", "lr"]));
      for (const name of ["confusion", "pr", "roc"]) {
        expect(run.plots!.filter((p) => p.name === name).map((p) => p.step)).toEqual([375, 750, 1125, 1500, 1875, 2250, 2625, 3000]);
      }
      const lastRoc = run.plots!.filter((p) => p.name === "roc").at(-1)!;
      expect(lastRoc.type === "roc" && lastRoc.curves.map((c) => c.class)).toEqual(["circle", "square", "triangle", "cross"]);
    }
  });

  it("indexes only media files that exist and decode at their stated size, with captions and boxes", async () => {
    for (const id of runIds) {
      const folder = path.join(projectDir, id);
      const media = jsonl(path.join(folder, "media.jsonl"));
      expect(new Set(media.map((m) => m.key))).toEqual(new Set(["val/predictions", "train/batch"]));
      for (const m of media) {
        expect(m.file as string).toMatch(/^media\/[a-z/]+\/[\w-]+\.png$/);
        const meta = await sharp(path.join(folder, m.file as string)).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(["png", m.width, m.height]);
      }
      const preds = media.filter((m) => m.key === "val/predictions");
      expect(preds).toHaveLength(8 * 8);
      for (const m of preds) {
        expect(m.caption).toMatch(/^(circle|square|triangle|cross) → (circle|square|triangle|cross)$/);
        const [box] = m.boxes as { x: number; y: number; w: number; h: number; label: string; score: number }[];
        expect((m.caption as string).endsWith(`→ ${box!.label}`)).toBe(true);
        expect(box!.score).toBeGreaterThan(0.25);
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.w).toBeLessThanOrEqual(32);
        expect(box!.y + box!.h).toBeLessThanOrEqual(32);
      }
    }
  });

  it("keeps val/acc equal to the confusion matrix's diagonal share at every epoch", async () => {
    for (const run of runs) {
      const h = await readHistory(repoRoot, run);
      const confusions = run.plots!.filter((p) => p.name === "confusion");
      for (const c of confusions) {
        if (c.type !== "confusion") throw new Error("not a confusion matrix");
        const total = c.matrix.flat().reduce((a, b) => a + b, 0);
        const diagonal = c.matrix.reduce((a, row, i) => a + row[i]!, 0);
        expect(total).toBe(128);
        const i = [...h.step].indexOf(c.step!);
        expect(h.metrics["val/acc"]![i]).toBeCloseTo(diagonal / total, 3);
      }
    }
  });

  it("writes a predictions table whose media cells exist, on which the runs disagree", () => {
    const lastPreds = new Map<string, Map<string, string>>();
    for (const id of runIds) {
      const folder = path.join(projectDir, id);
      const rows = jsonl(path.join(folder, "tables/predictions.jsonl"));
      expect(rows).toHaveLength(32 * 8);
      for (const r of rows) {
        expect(Object.keys(r)).toEqual(["id", "image", "label", "pred", "score", "step"]);
        expect(existsSync(path.join(folder, (r.image as { media: string }).media))).toBe(true);
      }
      lastPreds.set(id, new Map(rows.filter((r) => r.step === 3000).map((r) => [r.id as string, r.pred as string])));
    }
    const a = lastPreds.get("cnn-aug-seed1")!;
    const b = lastPreds.get("cnn-aug-seed2")!;
    const mlp = lastPreds.get("mlp-aug-seed1")!;
    const differ = (x: Map<string, string>, y: Map<string, string>): number => [...x].filter(([k, v]) => y.get(k) !== v).length;
    expect(differ(a, b)).toBeGreaterThan(0);
    expect(differ(a, mlp)).toBeGreaterThan(differ(a, b));
  });

  it("writes weight histograms per epoch and system samples in the formats", () => {
    for (const id of runIds) {
      const folder = path.join(projectDir, id);
      const layers = readdirSync(path.join(folder, "histograms/weights"));
      expect(layers.length).toBeGreaterThanOrEqual(2);
      for (const layer of layers) {
        const hist = jsonl(path.join(folder, "histograms/weights", layer));
        expect(hist.map((h) => h.step)).toEqual([375, 750, 1125, 1500, 1875, 2250, 2625, 3000]);
        for (const h of hist) {
          const edges = h.edges as number[];
          expect(edges).toHaveLength((h.counts as number[]).length + 1);
          for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]!);
        }
      }
      const samples = jsonl(path.join(folder, "system.jsonl"));
      expect(samples.length).toBeGreaterThan(20);
      for (const s of samples) for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
      const times = samples.map((s) => s.time as number);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });
});
