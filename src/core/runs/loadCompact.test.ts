import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, describe, expect, it } from "vitest";
import { clearRunCaches, discoverRunSources, loadAllRuns, readHistory, runSourceDigest } from "./loadRuns.ts";

const root = mkdtempSync(path.join(tmpdir(), "runfolio-compact-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const CSV = "step,loss,acc\n0,1.5,\n1,nan,0.25\n2,,0.5\n";
const JSONL = '{"step": 0, "loss": 1.5}\n{"step": 1, "loss": NaN, "acc": 0.25}\n{"step": 2, "acc": 0.5}\n';

function put(file: string, bytes: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), bytes);
}

describe("loadAllRuns with compact histories", () => {
  put("runs/p/csv/run.json", '{"name": "csv"}');
  put("runs/p/csv/history.csv", CSV);
  put("runs/p/csvgz/history.csv.gz", gzipSync(CSV));
  put("runs/p/jsonlgz/history.jsonl.gz", gzipSync(JSONL));
  put(
    "runs/p/parquet/history.parquet",
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: "step", data: new Float64Array([0, 1, 2]), type: "DOUBLE", nullable: false },
          { name: "loss", data: [1.5, NaN, null], type: "DOUBLE" },
          { name: "acc", data: [null, 0.25, 0.5], type: "DOUBLE" },
        ],
      }),
    ),
  );

  it("loads every form into the same history and summary, with no diagnostic", async () => {
    clearRunCaches();
    const { runs, diagnostics } = await loadAllRuns(root);
    expect(diagnostics).toEqual([]);
    expect(runs.map((r) => r.id)).toEqual(["p/csv", "p/csvgz", "p/jsonlgz", "p/parquet"]);
    const [csv, ...compact] = runs;
    const expected = await readHistory(root, csv!);
    expect(Array.from(expected.metrics.acc!)).toEqual([NaN, 0.25, 0.5]);
    for (const run of compact) {
      expect(run.source.files.length).toBe(1);
      expect(run.metrics).toEqual(csv!.metrics);
      expect(run.summary).toEqual(csv!.summary);
      clearRunCaches(); // read from the file, not the loader's cache
      expect(await readHistory(root, run)).toEqual(expected);
    }
  });

  it("digests the compressed file's own bytes: a changed file is a new digest", async () => {
    const source = (await discoverRunSources(root)).sources.find((s) => s.files[0]!.endsWith("history.csv.gz"))!;
    const before = await runSourceDigest(root, source);
    put("runs/p/csvgz/history.csv.gz", gzipSync(`${CSV}3,1,1\n`));
    expect(await runSourceDigest(root, source)).not.toBe(before);
  });
});
