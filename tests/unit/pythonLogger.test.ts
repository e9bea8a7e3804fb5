/**
 * python/runfolio.py end to end: small scripts run by the machine's `python3` in temp dirs (normal
 * run, exception, SIGTERM, SIGKILL mid-run, two threads logging at once); every produced folder is
 * then loaded with the project's own `loadAllRuns` / `readHistory`. Skipped, with a message, when
 * `python3` is missing.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { clearRunCaches, loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pythonDir = path.join(repoRoot, "python");
const probe = spawnSync("python3", ["-c", "import sys; print(sys.version_info >= (3, 8))"], { encoding: "utf8" });
const hasPython = probe.status === 0 && probe.stdout.trim() === "True";
if (!hasPython) console.warn("skipping python logger tests: no python3 (3.8+) on PATH");

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(script: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "runfolio-py-"));
  dirs.push(dir);
  const file = path.join(dir, "train.py");
  writeFileSync(file, `import sys\nsys.path.insert(0, ${JSON.stringify(pythonDir)})\n${script}`);
  return { dir, file };
}

function runPython(script: string): { dir: string; status: number | null; signal: NodeJS.Signals | null; stderr: string } {
  const { dir, file } = project(script);
  const r = spawnSync("python3", [file], { cwd: dir, encoding: "utf8", timeout: 30_000 });
  return { dir, status: r.status, signal: r.signal, stderr: r.stderr };
}

async function load(dir: string) {
  clearRunCaches();
  const { runs, diagnostics } = await loadAllRuns(dir);
  return { runs, diagnostics, history: (i = 0) => readHistory(dir, runs[i]!) };
}

// Every test starts python3 (and git): never under a short timeout, however busy the machine.
describe.skipIf(!hasPython)("python/runfolio.py", { timeout: 120_000 }, () => {
  it("writes a finished run that the loader reads: config, command line, steps, NaN gaps, summary", async () => {
    const r = runPython(`
import runfolio as wandb
run = wandb.init(project="demo", name="lr 3e-4", config={"lr": 3e-4, "opt": {"name": "adam"}}, group="sweep", tags=["a", "b"])
wandb.config.batch = 32
for i in range(5):
    wandb.log({"train/loss": 1.0 / (i + 1), "val": {"acc": i / 10}, "weird": float("nan") if i == 4 else i})
wandb.log({"only_once": 7}, step=10)
wandb.summary["best/acc"] = 0.4
wandb.finish()
`);
    expect(r.status).toBe(0);
    const { runs, diagnostics, history } = await load(r.dir);
    expect(diagnostics).toEqual([]);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.id).toBe("demo/lr-3e-4");
    expect(run.name).toBe("lr 3e-4");
    expect(run.group).toBe("sweep");
    expect(run.tags).toEqual(["a", "b"]);
    expect(run.state).toBe("finished");
    expect(run.duration).toBeGreaterThanOrEqual(0);
    expect(run.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(run.config).toMatchObject({ lr: 0.0003, opt: { name: "adam" }, batch: 32 });
    expect((run.config._runfolio as { command: string[] }).command.at(-1)).toMatch(/train\.py$/);
    expect(run.steps).toBe(6);
    expect(run.metrics).toEqual(["only_once", "train/loss", "val/acc", "weird"]);
    expect(run.summary["best/acc"]).toBe(0.4);
    expect(run.summary["train/loss"]).toBe(0.2);
    expect(run.summary.weird).toBeNull(); // last logged value was NaN
    const h = await history();
    expect([...h.step]).toEqual([0, 1, 2, 3, 4, 10]);
    expect(h.time).not.toBeNull();
    expect(h.metrics["val/acc"]![3]).toBe(0.3);
    expect(h.metrics.weird![4]).toBeNaN();
  });

  it("marks an uncaught exception as crashed with the traceback tail in notes", async () => {
    const r = runPython(`
import runfolio
run = runfolio.init(project="p", name="boom")
run.log({"loss": 1.0})
run.log({"loss": 0.5})
def inner():
    raise ValueError("diverged at step 2")
inner()
`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("ValueError: diverged at step 2"); // the original hook still prints
    const { runs, diagnostics, history } = await load(r.dir);
    expect(diagnostics).toEqual([]);
    expect(runs[0]!.state).toBe("crashed");
    expect(runs[0]!.notes).toContain("ValueError: diverged at step 2");
    expect(runs[0]!.notes).toContain("in inner");
    expect([...(await history()).metrics.loss!]).toEqual([1, 0.5]);
  });

  it("marks a SIGTERM as crashed and still dies by the signal", async () => {
    const { dir, file } = project(`
import runfolio, time, sys
run = runfolio.init(project="p", name="term")
for i in range(3):
    run.log({"x": i})
print("ready", flush=True)
time.sleep(30)
`);
    const child = spawn("python3", [file], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    child.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    const { runs, history } = await load(dir);
    expect(runs[0]!.state).toBe("crashed");
    expect(runs[0]!.notes).toContain("SIGTERM");
    expect([...(await history()).metrics.x!]).toEqual([0, 1, 2]);
  });

  it("leaves every flushed row readable and the run running after SIGKILL", async () => {
    const { dir, file } = project(`
import runfolio, time
run = runfolio.init(project="p", name="killed")
i = 0
while True:
    run.log({"x": i, "y": i * 0.5})
    if i == 200:
        print("ready", flush=True)
    i += 1
    time.sleep(0.001)
`);
    const child = spawn("python3", [file], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve()));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    const { runs, diagnostics, history } = await load(dir);
    expect(diagnostics).toEqual([]);
    expect(runs[0]!.state).toBe("running");
    expect(runs[0]!.duration).toBeNull();
    const h = await history();
    const n = h.step.length;
    expect(n).toBeGreaterThan(200);
    // Every row is complete and in order: step i has x = i and y = i / 2.
    for (let i = 0; i < n; i++) {
      expect(h.step[i]).toBe(i);
      expect(h.metrics.x![i]).toBe(i);
      expect(h.metrics.y![i]).toBe(i * 0.5);
    }
    const text = readFileSync(path.join(dir, "runs/p/killed/history.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("logs from two threads without losing or tearing rows", async () => {
    const r = runPython(`
import runfolio, threading
run = runfolio.init(project="p", name="threads")
def worker(name):
    for i in range(2000):
        run.log({name: i})
ts = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
for t in ts: t.start()
for t in ts: t.join()
run.finish()
`);
    expect(r.status).toBe(0);
    const { runs, diagnostics, history } = await load(r.dir);
    expect(diagnostics).toEqual([]);
    expect(runs[0]!.steps).toBe(4000);
    expect(runs[0]!.state).toBe("finished");
    const h = await history();
    expect([...h.step]).toEqual([...Array(4000).keys()]); // steps are unique and in write order
    const a = [...h.metrics.a!].filter((v) => !Number.isNaN(v));
    const b = [...h.metrics.b!].filter((v) => !Number.isNaN(v));
    expect(a).toEqual([...Array(2000).keys()]);
    expect(b).toEqual([...Array(2000).keys()]);
    const lines = readFileSync(path.join(r.dir, "runs/p/threads/history.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(4000);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it("never overwrites an existing run folder, and records git when run inside a repository", async () => {
    const { dir, file } = project(`
import runfolio
for _ in range(2):
    r = runfolio.init(project="p", name="same")
    r.log({"x": 1})
    r.finish()
`);
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    const hasGit = git("init", "-q", "-b", "main").status === 0;
    if (hasGit) {
      git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "--allow-empty", "-m", "init");
    }
    const r = spawnSync("python3", [file], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(existsSync(path.join(dir, "runs/p/same/run.json")) && existsSync(path.join(dir, "runs/p/same-2/run.json"))).toBe(true);
    const { runs } = await load(dir);
    expect(runs.map((x) => x.id)).toEqual(["p/same", "p/same-2"]);
    if (hasGit) {
      expect(runs[0]!.git?.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(runs[0]!.git?.branch).toBe("main");
      expect(runs[0]!.git?.dirty).toBe(false);
    } else console.warn("git not found: git metadata not checked");
  });
});
