/**
 * 25,000 runs (37,500 small files) loaded in a child process whose open-file limit is 256: the walk,
 * `loadAllRuns`, the content loader's digests and every history read at once (as pages and a
 * chart over every run do) must share a bounded number of file handles, and must not report any
 * file as unreadable (RUN028: EMFILE).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const RUNS = 25_000;
const STEPS = 3;

const temp = mkdtempSync(path.join(tmpdir(), "runfolio-openfiles-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Half single-file runs, half folders with run.json + history.csv. */
function writeProject(root: string): void {
  for (let i = 0; i < RUNS; i++) {
    const project = `p${i % 10}`;
    const id = `r${String(i).padStart(5, "0")}`;
    const config = { lr: (i % 7) * 1e-4, seed: i };
    if (i % 2 === 0) {
      const dir = path.join(root, "runs", project);
      if (i < 20) mkdirSync(dir, { recursive: true });
      const history = Array.from({ length: STEPS }, (_, s) => ({ step: s, loss: 1 / (s + 1 + i) }));
      writeFileSync(path.join(dir, `${id}.json`), JSON.stringify({ name: id, config, history }));
    } else {
      const dir = path.join(root, "runs", project, id);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "run.json"), JSON.stringify({ name: id, config }));
      const rows = Array.from({ length: STEPS }, (_, s) => `${s},${1 / (s + 1 + i)}`);
      writeFileSync(path.join(dir, "history.csv"), `step,loss\n${rows.join("\n")}\n`);
    }
  }
}

describe("loading under a low open-file limit", () => {
  it(
    `loads ${RUNS} runs with \`ulimit -n 256\`, every history at once, with no diagnostic`,
    () => {
      const root = path.join(temp, "root");
      writeProject(root);
      const node = process.execPath;
      const child = spawnSync("bash", ["-c", 'ulimit -n 256 && exec "$0" tests/unit/openFiles/loadUnderLimit.ts "$1"', node, root], {
        cwd: repoRoot,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(child.stderr).toBe("");
      expect(child.status).toBe(0);
      const out = JSON.parse(child.stdout) as { runs: number; digests: number; steps: number; diagnostics: string[] };
      expect(out.diagnostics).toEqual([]);
      expect(out.runs).toBe(RUNS);
      expect(out.digests).toBe(RUNS);
      expect(out.steps).toBe(RUNS * STEPS);
    },
    600_000,
  );
});
