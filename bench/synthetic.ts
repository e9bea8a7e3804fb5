import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { mulberry32 } from "../src/core/stats/random.ts";

export interface SyntheticSet {
  project: string;
  runs: number;
  steps: number;
  metrics: number;
}

export const metricName = (m: number) => (m === 0 ? "train/loss" : m === 1 ? "val/loss" : `metric_${m}`);

/** Writes `runs/<project>/run-NNN/{run.json,history.csv}`: loss-like curves with noise, 6 significant digits. */
export async function writeSyntheticRuns(root: string, set: SyntheticSet): Promise<string[]> {
  const files: string[] = [];
  for (let r = 0; r < set.runs; r++) {
    const id = `run-${String(r).padStart(3, "0")}`;
    const dir = path.join(root, "runs", set.project, id);
    await mkdir(dir, { recursive: true });
    const rand = mulberry32(r + 1);
    const header = ["step", "time", ...Array.from({ length: set.metrics }, (_, m) => metricName(m))];
    const lines: string[] = [header.join(",")];
    const t0 = 1767225600 + r * 3600;
    for (let s = 0; s < set.steps; s++) {
      const row: string[] = [String(s), (t0 + s * 0.25).toFixed(2)];
      for (let m = 0; m < set.metrics; m++) {
        const v = (2 + m) * Math.pow(s + 10, -0.3 - 0.02 * (r % 7)) + 0.05 * (rand() - 0.5);
        row.push(v.toPrecision(6));
      }
      lines.push(row.join(","));
    }
    await writeFile(path.join(dir, "history.csv"), lines.join("\n") + "\n");
    await writeFile(
      path.join(dir, "run.json"),
      JSON.stringify({ name: id, group: `g${r % 10}`, config: { lr: 1e-4 * (1 + (r % 10)), seed: r % 3 } }),
    );
    files.push(path.join(dir, "history.csv"));
  }
  return files;
}

export async function writeReport(root: string, slug: string, charts: { y: string; runs?: string; logY?: boolean }[]): Promise<void> {
  await mkdir(path.join(root, "reports"), { recursive: true });
  const blocks = charts
    .map(
      (c, i) =>
        `## Chart ${i + 1}\n\n\`\`\`chart\ntitle: Chart ${i + 1}\ny: ${c.y}\n${c.runs ? `runs: '${c.runs}'\n` : ""}${c.logY ? "scale: { y: log }\n" : ""}\`\`\`\n`,
    )
    .join("\n");
  await writeFile(path.join(root, "reports", `${slug}.md`), `---\ntitle: Benchmark ${slug}\n---\n\n${blocks}`);
}
