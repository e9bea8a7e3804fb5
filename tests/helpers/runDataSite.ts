import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A small data folder with every kind of run-folder data the evaluation charts draw: two runs
 * with confusion matrices at two steps, ROC curves, weight histograms over 30 steps and system
 * samples of two GPUs, and a report that uses the distribution, confusion and system charts.
 * Deterministic (no randomness, no clock).
 */
export async function writeRunDataSite(dir: string): Promise<void> {
  const put = async (rel: string, text: string): Promise<void> => {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  };
  const labels = ["cat", "dog", "bird"];
  for (const [k, name] of ["base", "wide"].entries()) {
    const run = `runs/vision/${name}`;
    await put(`${run}/run.json`, JSON.stringify({ name, config: { width: k === 0 ? 64 : 128, arch: "cnn" }, created: "2026-01-05T10:00:00Z" }));
    await put(`${run}/history.csv`, "step,time,train/loss\n" + Array.from({ length: 30 }, (_, s) => `${s},${1767607200 + s * 60},${(2 / (1 + s * (0.2 + 0.1 * k))).toFixed(4)}`).join("\n") + "\n");
    const cm = (step: number, better: number) => ({ type: "confusion", step, labels, matrix: [[30 + better, 5 - k, 5], [6, 28 + better, 6 - k], [4, 7, 29 + better]] });
    await put(`${run}/plots/cm.json`, JSON.stringify([cm(10, 0), cm(29, 4 + 3 * k)]));
    const n = 40;
    const yTrue = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const scores = yTrue.map((y, i) => Math.round((y ? 0.55 + ((i * 7) % 10) / 25 + 0.05 * k : 0.1 + ((i * 11) % 10) / 16) * 1000) / 1000);
    await put(`${run}/plots/roc.json`, JSON.stringify({ type: "roc", y_true: yTrue, scores }));
    const hist: string[] = [];
    for (let s = 0; s < 30; s++) {
      const spread = 1 + s * (0.05 + 0.03 * k);
      const edges = Array.from({ length: 21 }, (_, i) => Math.round((-3 + (6 * i) / 20) * spread * 1000) / 1000);
      const counts = edges.slice(1).map((_, i) => Math.round(200 * Math.exp(-(((i - 9.5) / 4) ** 2))));
      hist.push(JSON.stringify({ step: s * 10, edges, counts }));
    }
    await put(`${run}/histograms/weights/fc1.jsonl`, hist.join("\n") + "\n");
    const sys: string[] = [];
    for (let t = 0; t < 40; t++) {
      const sample: Record<string, number> = { time: 1767607200 + t * 45, "cpu.percent": 30 + ((t * 7) % 20), "memory.percent": 40 + t * 0.2 };
      for (const g of [0, 1]) {
        sample[`gpu.${g}.utilization`] = 80 + ((t * (3 + g)) % 18);
        sample[`gpu.${g}.temperature_c`] = 60 + Math.min(15, t * 0.5) + g * 3;
        sample[`gpu.${g}.power_w`] = 220 + ((t * 13) % 40);
      }
      sys.push(JSON.stringify(sample));
    }
    await put(`${run}/system.jsonl`, sys.join("\n") + "\n");
  }
  await put(
    "reports/eval.md",
    [
      "---",
      'title: "Error analysis"',
      "date: 2026-01-06",
      'runs: project = "vision"',
      "---",
      "",
      "## Weights",
      "",
      "```chart",
      "kind: distribution",
      "title: fc1 weights",
      "key: weights/fc1",
      "```",
      "",
      "```chart",
      "kind: distribution",
      "title: fc1 weights (heatmap)",
      "key: weights/fc1",
      "style: heatmap",
      "```",
      "",
      "## Confusion",
      "",
      "```chart",
      "kind: confusion",
      "title: Confusion at step 10",
      "plot: cm",
      "step: 10",
      "normalize: columns",
      "```",
      "",
      "```chart",
      "kind: confusion",
      "title: What widening changed",
      "plot: cm",
      "diff: [base, wide]",
      "```",
      "",
      "```chart",
      "kind: roc",
      "title: ROC by architecture",
      "plot: roc",
      "group: config.arch",
      "```",
      "",
      "## GPUs",
      "",
      "```chart",
      "title: GPU utilisation",
      "y: system/gpu.*.utilization",
      "x: relative",
      "```",
      "",
    ].join("\n"),
  );
}
