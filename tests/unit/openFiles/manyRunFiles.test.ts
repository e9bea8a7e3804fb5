/**
 * 25,000 small run files (12,500 run folders) loaded in a child process whose open-file limit is 256: the walk,
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
const RUNS = 12_500;
const STEPS = 3;

const temp = mkdtempSync(path.join(tmpdir(), "runfolio-openfiles-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }), 600_000);

/** Run folders of run.json + history.csv. */
function writeProject(root: string): void {
  for (let i = 0; i < RUNS; i++) {
    const dir = path.join(root, "runs", `p${i % 10}`, `r${String(i).padStart(5, "0")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "run.json"), JSON.stringify({ name: `run ${i}`, config: { lr: (i % 7) * 1e-4, seed: i } }));
    const rows = Array.from({ length: STEPS }, (_, s) => `${s},${1 / (s + 1 + i)}`);
    writeFileSync(path.join(dir, "history.csv"), `step,loss\n${rows.join("\n")}\n`);
  }
}

describe("loading under a low open-file limit", () => {
  it(
    `loads ${RUNS * 2} files (${RUNS} runs) with \`ulimit -n 256\`, every history at once, with no diagnostic`,
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
