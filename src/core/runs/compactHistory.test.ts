import zlib, { gzipSync } from "node:zlib";
import { parquetWriteBuffer } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { gunzipBounded, parseHistoryFile } from "./compactHistory.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import type { ParsedHistory, SourceText } from "./runFileTypes.ts";

const sourceOf = (path: string, bytes: Buffer): SourceText => ({ path, bytes, text: bytes.toString("utf8") });

async function parsed(file: string, bytes: Uint8Array): Promise<ParsedHistory> {
  const result = await parseHistoryFile(file, Buffer.from(bytes), sourceOf);
  if (!result) throw new Error(`${file} is not a history file`);
  return result;
}

/** The same result with every diagnostic's file renamed, to compare two forms of one history. */
function renamed(result: ParsedHistory, file: string): ParsedHistory {
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, file })) };
}

const CSV_CASES: Record<string, string> = {
  plain: "step,loss,acc\n0,1.5,0.1\n1,1.25,0.2\n2,1,0.3\n",
  gaps: "step,time,loss,acc\n0,1700000000,1.5,\n1,1700000001,nan,0.2\n2,1700000002,,inf\n",
  quoted: 'step,"val loss"\r\n0,"1.5"\r\n1,2\r\n',
  errors: "step,loss\n0,1\n1,oops\n,2\n",
  decreasing: "_step,loss\n0,1\n5,2\n3,3\n",
  bom: "\uFEFFstep,loss\n0,1\n",
};

const JSONL_CASES: Record<string, string> = {
  sparse: '{"step": 0, "loss": 1}\n{"step": 1, "acc": 0.5}\n\n{"step": 2, "loss": NaN, "acc": null}\n',
  errors: '{"step": 0, "loss": 1}\n{"step": 1, "loss": "high"}\n[1]\n',
};

describe("gzip histories", () => {
  it.each(Object.entries(CSV_CASES))("history.csv.gz gives what history.csv gives: %s", async (_name, text) => {
    const plain = parseHistoryCsv({ path: "r/history.csv", text, bytes: Buffer.from(text) });
    expect(await parsed("r/history.csv.gz", gzipSync(text))).toEqual(renamed(plain, "r/history.csv.gz"));
  });

  it.each(Object.entries(JSONL_CASES))("history.jsonl.gz gives what history.jsonl gives: %s", async (_name, text) => {
    const plain = parseHistoryJsonl({ path: "r/history.jsonl", text });
    expect(await parsed("r/history.jsonl.gz", gzipSync(text))).toEqual(renamed(plain, "r/history.jsonl.gz"));
  });

  it("reads every member of a multi-member gzip file (as `gzip -c a >> f` writes)", async () => {
    const bytes = Buffer.concat([gzipSync("step,loss\n0,1\n"), gzipSync("1,2\n")]);
    const result = await parsed("r/history.csv.gz", bytes);
    expect(Array.from(result.history!.step)).toEqual([0, 1]);
    expect(Array.from(result.history!.metrics.loss!)).toEqual([1, 2]);
  });

  it("stops inflating past the limit with RUN044 instead of running out of memory", async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 48));
    await expect(gunzipBounded("r/history.csv.gz", bomb, 1024 * 1024)).rejects.toMatchObject({ diagnostic: { code: "RUN044", file: "r/history.csv.gz" } });
    expect((await gunzipBounded("r/history.csv.gz", bomb)).length).toBe(4 * 1024 * 1024);
  });

  it("is not used for other files", async () => {
    expect(await parseHistoryFile("r.json", Buffer.from("{}"), sourceOf)).toBeNull();
  });
});

describe("Parquet histories", () => {
  it("give what the same table as history.csv gives: gaps, logged NaN, number text, step and time", async () => {
    const csv = "step,time,loss,acc,note\n0,1700000000,1.5,,1e-3\n1,1700000001,nan,0.25,\n2,1700000002,,inf,nan\n";
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: "step", data: [BigInt(0), BigInt(1), BigInt(2)], type: "INT64", nullable: false },
        { name: "time", data: new Float64Array([1700000000, 1700000001, 1700000002]), type: "DOUBLE", nullable: false },
        { name: "loss", data: [1.5, NaN, null], type: "DOUBLE" },
        { name: "acc", data: [null, 0.25, Infinity], type: "FLOAT" },
        { name: "note", data: ["1e-3", "", "nan"], type: "STRING" },
      ],
    });
    const plain = parseHistoryCsv({ path: "r/history.csv", text: csv });
    const result = await parsed("r/history.parquet", new Uint8Array(bytes));
    expect(result.diagnostics).toEqual([]);
    expect(result.history).toEqual(plain.history);
    expect(result.lastLogged).toEqual(plain.lastLogged);
    expect(result.nonFinite).toBe(plain.nonFinite);
  });

  it("numbers rows 0, 1, 2, … without a step column, and reads a multi-row-group file in order", async () => {
    const n = 2500;
    const bytes = parquetWriteBuffer({ columnData: [{ name: "loss", data: Float64Array.from({ length: n }, (_, i) => i / 2), type: "DOUBLE", nullable: false }], rowGroupSize: 1000 });
    const result = await parsed("r/history.parquet", new Uint8Array(bytes));
    expect(result.history!.step.length).toBe(n);
    expect(result.history!.step[n - 1]).toBe(n - 1);
    expect(result.history!.metrics.loss![1999]).toBe(999.5);
    expect(result.lastLogged).toEqual({ loss: (n - 1) / 2 });
  });

  it.each([
    ["GZIP", (b: Uint8Array) => zlib.gzipSync(b)],
    ["BROTLI", (b: Uint8Array) => zlib.brotliCompressSync(b)],
    ["ZSTD", (b: Uint8Array) => zlib.zstdCompressSync(b)],
  ] as const)("reads pages compressed with %s (Polars writes zstd)", async (codec, compress) => {
    const bytes = parquetWriteBuffer({
      columnData: [{ name: "step", data: new Float64Array([0, 1, 2]), type: "DOUBLE", nullable: false }, { name: "loss", data: [1.5, null, 0.5], type: "DOUBLE" }],
      codec,
      compressors: { [codec]: compress },
    });
    const result = await parsed("r/history.parquet", new Uint8Array(bytes));
    expect(result.diagnostics).toEqual([]);
    expect(Array.from(result.history!.metrics.loss!)).toEqual([1.5, NaN, 0.5]);
  });

  it("names a codec it cannot read", async () => {
    const bytes = parquetWriteBuffer({ columnData: [{ name: "loss", data: new Float64Array([1]), type: "DOUBLE", nullable: false }], codec: "LZ4_RAW", compressors: { LZ4_RAW: (b: Uint8Array) => b } });
    const result = await parsed("r/history.parquet", new Uint8Array(bytes));
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["RUN045", "not a readable Parquet file: unsupported compression codec: LZ4_RAW"]]);
  });

  it("reports a problem at its row and column", async () => {
    const bytes = parquetWriteBuffer({ columnData: [{ name: "step", data: [0, 1, 2], type: "DOUBLE" }, { name: "loss", data: ["1", "2", "three"], type: "STRING" }] });
    const result = await parsed("r/history.parquet", new Uint8Array(bytes));
    expect(result.history).toBeNull();
    expect(result.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[3, 2, "RUN012"]]);
  });
});
