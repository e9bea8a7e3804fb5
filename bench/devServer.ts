import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { freePort } from "../tests/helpers/devServer.ts";
import { writeScaleReport } from "./scale.ts";
import { writeSyntheticRuns } from "./synthetic.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
/** Where `astro dev` keeps its content store: the app root's `.astro/`, whatever `cacheDir` says. */
const devStore = path.join(repoRoot, ".astro", "data-store.json");

export interface DevStart {
  /** Process start → Astro's "ready in" line. */
  readyMs: number;
  /** Process start → the first response of `/` (polled every 0.5 s, as a user reloading would). */
  firstPageMs: number;
  /** Process start → the report page's first response, requested right after the first page. */
  reportPageMs: number;
  /** The content sync, as Astro's log times it ("Synced content" … or the loaders' own). */
  log: string;
}

export interface DevServerFigures {
  runs: number;
  steps: number;
  /** A first start: no content store yet. */
  cold: DevStart;
  /** A second start over the content store the first one left. */
  warm: DevStart;
  /** Write of reports/scale.md → first response of the report page holding the new text. */
  reportEdits: number[];
  /** Append to one run's history.csv → first response of its page showing the new step count. */
  runEdits: number[];
  /** The report page's size and how long one request of it takes with nothing changed. */
  reportPageBytes: number;
  reportPageRequestMs: number;
}

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  started: number;
  close: () => Promise<void>;
}

/** `astro dev` from this repository over `root`, as `runfolio dev` starts it (the same environment). */
async function startDev(root: string): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/astro/bin/astro.mjs"), "dev", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: repoRoot,
    env: {
      ...process.env,
      RUNFOLIO_DATA_DIR: root,
      RUNFOLIO_OUT_DIR: path.join(root, "dist"),
      RUNFOLIO_CACHE_DIR: path.join(root, "node_modules", ".cache", "runfolio"),
      ASTRO_TELEMETRY_DISABLED: "1",
      NO_COLOR: "1",
      FORCE_COLOR: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    started,
    close: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

async function waitForStart(dev: Running, reportUrl: string): Promise<DevStart> {
  let readyMs = 0;
  for (;;) {
    if (dev.child.exitCode !== null) throw new Error(`astro dev exited:\n${dev.output().slice(-4000)}`);
    if (!readyMs && /ready in/.test(dev.output())) readyMs = performance.now() - dev.started;
    try {
      const res = await get(dev.url + "/");
      if (res.status === 200) break;
      if (res.status >= 500) throw new Error(`/ answered ${res.status}:\n${res.text.slice(0, 2000)}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith("/ answered")) throw e;
      // not listening yet
    }
    await sleep(500);
  }
  const firstPageMs = performance.now() - dev.started;
  if (!readyMs) readyMs = firstPageMs;
  const report = await get(reportUrl);
  if (report.status !== 200) throw new Error(`the report page answered ${report.status}`);
  const reportPageMs = performance.now() - dev.started;
  const log = dev
    .output()
    .split("\n")
    .filter((line) => /ready in|[Ss]ync|content/.test(line))
    .join("\n");
  return { readyMs, firstPageMs, reportPageMs, log };
}

/** Requests `url` back to back until `holds(text)`; the time from `since` to that response. */
async function timeUntil(dev: Running, url: string, since: number, holds: (text: string) => boolean, limitMs = 60_000): Promise<number> {
  for (;;) {
    const res = await get(url);
    const now = performance.now();
    if (res.status === 200 && holds(res.text)) return now - since;
    if (now - since > limitMs) throw new Error(`${url} did not show the change within ${limitMs / 1000} s; the server's log:\n${dev.output().slice(-3000)}`);
    await sleep(50);
  }
}

const stepsShown = (html: string): string | null => /Steps logged<\/dt>\s*<dd[^>]*>([^<]*)</.exec(html)?.[1]?.trim() ?? null;

/**
 * The 10,000-run project (bench/synthetic.ts, the scale report) served by `astro dev`:
 * a first start, a second start over the content store it left, then edits of the report and of
 * one run's history, each timed from the write to the first response that shows it.
 */
export async function measureDevServer(work: string, runs: number, steps: number, log: (line: string) => void, edits = 3): Promise<DevServerFigures> {
  const root = path.join(work, `dev-${runs}x${steps}`);
  await rm(root, { recursive: true, force: true });
  log(`devserver ${runs} × ${steps}: writing the project…`);
  const files = await writeSyntheticRuns(root, { project: "scale", runs, steps, metrics: 5 });
  await writeScaleReport(root);
  // The content store of whatever the developer's own dev server last served is set aside, not lost.
  const kept = devStore + ".bench-kept";
  const hadStore = await stat(devStore).then(
    () => true,
    () => false,
  );
  if (hadStore) await rename(devStore, kept);
  let dev: Running | null = null;
  try {
    log(`devserver ${runs} × ${steps}: first start (no content store)…`);
    dev = await startDev(root);
    const reportUrl = () => `${dev!.url}/reports/scale/`;
    const cold = await waitForStart(dev, reportUrl());
    await dev.close();
    log(`devserver ${runs} × ${steps}: second start…`);
    dev = await startDev(root);
    const warm = await waitForStart(dev, reportUrl());
    const t = performance.now();
    const page = await get(reportUrl());
    const reportPageRequestMs = performance.now() - t;

    const reportEdits: number[] = [];
    for (let i = 0; i < edits; i++) {
      await sleep(2_000);
      const marker = `Edit marker ${i} ${Date.now().toString(36)}`;
      const since = performance.now();
      await appendFile(path.join(root, "reports", "scale.md"), `\n${marker}\n`);
      reportEdits.push(await timeUntil(dev, reportUrl(), since, (html) => html.includes(marker)));
      log(`devserver: report edit ${i + 1}: ${(reportEdits.at(-1)! / 1000).toFixed(2)} s`);
    }

    const runEdits: number[] = [];
    const history = files[Math.floor(files.length / 2)]!;
    const runUrl = `${dev.url}/runs/scale/${path.basename(path.dirname(history))}/`;
    const before = stepsShown((await get(runUrl)).text);
    if (before === null) throw new Error(`${runUrl} shows no step count`);
    for (let i = 0; i < edits; i++) {
      await sleep(2_000);
      const last = (await readFile(history, "latin1")).trimEnd().split("\n").at(-1)!.split(",");
      const row = [String(Number(last[0]) + 1), (Number(last[1]) + 0.25).toFixed(2), ...last.slice(2)].join(",");
      const shown = stepsShown((await get(runUrl)).text);
      const since = performance.now();
      await appendFile(history, row + "\n");
      runEdits.push(await timeUntil(dev, runUrl, since, (html) => stepsShown(html) !== shown));
      log(`devserver: run edit ${i + 1}: ${(runEdits.at(-1)! / 1000).toFixed(2)} s`);
    }
    return { runs, steps, cold, warm, reportEdits, runEdits, reportPageBytes: Buffer.byteLength(page.text), reportPageRequestMs };
  } finally {
    await dev?.close();
    await rm(devStore, { force: true });
    if (hadStore) await rename(kept, devStore);
    await rm(root, { recursive: true, force: true });
  }
}

/** The `devserver` section of `npm run bench` (`BENCH_DEV_RUNS`, default 10,000 runs × 100 steps). */
export async function devServerSection(work: string, report: (what: string, value: string, goal: string) => void): Promise<void> {
  const runs = Number(process.env.BENCH_DEV_RUNS || 10_000);
  const f = await measureDevServer(work, runs, 100, (line) => console.log(line));
  const s = (n: number) => `${(n / 1000).toFixed(1)} s`;
  const list = (xs: number[]) => xs.map(s).join(", ");
  const name = `dev server, ${runs.toLocaleString("en")} runs × ${f.steps}`;
  console.log(`\n${name}: ${f.cold.log.split("\n").length} log lines about the content sync\n${f.cold.log}\n`);
  report(`${name}: first start, "ready" / first page served`, `${s(f.cold.readyMs)} / ${s(f.cold.firstPageMs)}`, "first page ≤ 60 s");
  report(`${name}: second start (content store kept), same`, `${s(f.warm.readyMs)} / ${s(f.warm.firstPageMs)}`, "≤ 60 s");
  report(`${name}: report page, size / one request`, `${(f.reportPageBytes / 1e6).toFixed(2)} MB / ${s(f.reportPageRequestMs)}`, "reported");
  report(`${name}: report edit → page with the new text`, list(f.reportEdits), "≤ 3 s");
  report(`${name}: history.csv append → run page with the new step`, list(f.runEdits), "reported");
}
