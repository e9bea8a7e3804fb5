/**
 * The compact history forms against plain CSV: size on disk, and load speed as a ratio against
 * the CSV byte-loop floor measured in the same run. `convertRuns` turns a synthetic CSV project
 * into any form (the same numbers), for this section and for `formatsChild.ts`.
 */
import { copyFile, mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { clearRunCaches, loadAllRuns } from "../src/core/runs/loadRuns.ts";
import { parseHistoryCsv } from "../src/core/runs/parseHistoryCsv.ts";
import { formatNumber } from "../src/core/import/writeRunFolder.ts";
import { readAndParseFloor } from "./floor.ts";
import { writeSyntheticRuns } from "./synthetic.ts";

export const FORMS = ["csv", "csv.gz", "jsonl.gz", "parquet"] as const;
export type Form = (typeof FORMS)[number];

/** The bytes of `history.<form>` holding what `csvText` holds. */
export function historyIn(form: Form, csvText: string): Uint8Array {
  if (form === "csv") return new TextEncoder().encode(csvText);
  if (form === "csv.gz") return gzipSync(csvText);
  const { history } = parseHistoryCsv({ path: "history.csv", text: csvText });
  if (!history) throw new Error("synthetic CSV did not parse");
  const names = Object.keys(history.metrics);
  if (form === "jsonl.gz") {
    const lines: string[] = [];
    for (let r = 0; r < history.step.length; r++) {
      const row: string[] = [`"step":${history.step[r]}`];
      if (history.time) row.push(`"time":${history.time[r]}`);
      for (const m of names) row.push(`${JSON.stringify(m)}:${formatNumber(history.metrics[m]![r]!)}`);
      lines.push(`{${row.join(",")}}`);
    }
    return gzipSync(`${lines.join("\n")}\n`);
  }
  const columnData = [
    { name: "step", data: history.step, type: "DOUBLE" as const, nullable: false },
    ...(history.time ? [{ name: "time", data: history.time, type: "DOUBLE" as const, nullable: false }] : []),
    ...names.map((m) => ({ name: m, data: history.metrics[m]!, type: "DOUBLE" as const, nullable: false })),
  ];
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/** A copy of the CSV project under `from` with every history in `form`; returns the bytes written. */
export async function convertRuns(from: string, to: string, form: Form): Promise<number> {
  let bytes = 0;
  const projectDirs = await readdir(path.join(from, "runs"));
  for (const project of projectDirs) {
    for (const run of await readdir(path.join(from, "runs", project))) {
      const src = path.join(from, "runs", project, run);
      const dst = path.join(to, "runs", project, run);
      await mkdir(dst, { recursive: true });
      await copyFile(path.join(src, "run.json"), path.join(dst, "run.json"));
      const out = historyIn(form, await readFile(path.join(src, "history.csv"), "utf8"));
      await writeFile(path.join(dst, `history.${form}`), out);
      bytes += out.length;
    }
  }
  return bytes;
}

type Report = (what: string, value: string, goal: string) => void;

/** One history of 200,000 steps × 5 metrics (1,000,000 metric points) in each form. */
export async function formatsSection(work: string, report: Report, quick: boolean): Promise<void> {
  const steps = quick ? 40_000 : 200_000;
  const csvRoot = path.join(work, "formats", "csv");
  const [csvFile] = await writeSyntheticRuns(csvRoot, { project: "f", runs: 1, steps, metrics: 5 });
  const roots = new Map<Form, string>([["csv", csvRoot]]);
  const sizes = new Map<Form, number>([["csv", (await stat(csvFile!)).size]]);
  for (const form of FORMS.slice(1)) {
    const root = path.join(work, "formats", form);
    sizes.set(form, await convertRuns(csvRoot, root, form));
    roots.set(form, root);
  }
  const load = async (root: string): Promise<number> => {
    clearRunCaches();
    const t = performance.now();
    const { runs, diagnostics } = await loadAllRuns(root);
    const elapsed = performance.now() - t;
    if (runs.length !== 1 || diagnostics.length > 0) throw new Error(`${root}: ${runs.length} runs, ${diagnostics.length} diagnostics`);
    return elapsed;
  };
  // Warm, then alternate floor and each form, 5 rounds: each load is divided by the floor of its round.
  await readAndParseFloor([csvFile!]);
  for (const root of roots.values()) await load(root);
  const ratios = new Map<Form, number[]>(FORMS.map((f) => [f, []]));
  const floors: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t = performance.now();
    await readAndParseFloor([csvFile!]);
    const floor = performance.now() - t;
    floors.push(floor);
    for (const form of FORMS) ratios.get(form)!.push((await load(roots.get(form)!)) / floor);
  }
  const middle = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  const csvSize = sizes.get("csv")!;
  console.log(`\none history: ${steps.toLocaleString("en")} steps × 5 metrics + step + time (${(csvSize / 1e6).toFixed(1)} MB of CSV)\n`);
  report("byte-loop floor over the CSV", `${middle(floors).toFixed(0)} ms`, "baseline");
  for (const form of FORMS) {
    const size = sizes.get(form)!;
    report(`history.${form}: size on disk, load (loadAllRuns)`, `${(size / 1e6).toFixed(1)} MB = ${(size / csvSize).toFixed(2)}× CSV, ${middle(ratios.get(form)!).toFixed(2)}× floor`, "reported");
  }
}

/** Many runs in each form: load time and peak memory of `loadAllRuns` and every history, each in a fresh process. */
export async function formatsAtScale(work: string, report: Report, quick: boolean, child: (root: string) => Promise<ChildResult>): Promise<void> {
  const set = { project: "s", runs: quick ? 200 : 1_000, steps: 1_000, metrics: 5 };
  const csvRoot = path.join(work, "formats-scale", "csv");
  await writeSyntheticRuns(csvRoot, set);
  const csvBytes = (await Promise.all((await readdir(path.join(csvRoot, "runs", set.project))).map(async (r) => (await stat(path.join(csvRoot, "runs", set.project, r, "history.csv"))).size))).reduce((a, b) => a + b, 0);
  console.log(`\n${set.runs.toLocaleString("en")} runs × ${set.steps.toLocaleString("en")} steps × ${set.metrics} metrics, each form loaded in a fresh process\n`);
  let base: ChildResult | null = null;
  for (const form of ["csv", "csv.gz", "parquet"] as const) {
    const root = form === "csv" ? csvRoot : path.join(work, "formats-scale", form);
    const bytes = form === "csv" ? csvBytes : await convertRuns(csvRoot, root, form);
    const r = await child(root);
    if (r.runs !== set.runs || r.diagnostics !== 0 || r.points !== set.runs * set.steps * set.metrics) throw new Error(`${form}: ${JSON.stringify(r)}`);
    base ??= r;
    const vs = form === "csv" ? "" : ` (${(r.loadMs / base.loadMs).toFixed(2)}× / ${(r.maxRssKb / base.maxRssKb).toFixed(2)}× CSV)`;
    report(
      `${form}: ${(bytes / 1e6).toFixed(0)} MB; loadAllRuns, + every history; peak RSS`,
      `${r.loadMs.toFixed(0)} ms, ${r.totalMs.toFixed(0)} ms; ${(r.maxRssKb / 1024).toFixed(0)} MB${vs}`,
      form === "csv" ? "baseline" : "reported",
    );
  }
}

export interface ChildResult {
  runs: number;
  diagnostics: number;
  points: number;
  loadMs: number;
  totalMs: number;
  maxRssKb: number;
}
