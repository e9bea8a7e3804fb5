import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importRuns, type ImportFn } from "../importRuns.ts";
import { assertProperty, mutatedBytes, mutatedText, oddName, oddNumber, PROPERTY_TIMEOUT } from "../../../../tests/unit/fuzz/fuzz.ts";
import { expectImportWellFormed } from "../../../../tests/unit/fuzz/importChecks.ts";
import { wandbLog, wandbRecord } from "../../../../tests/unit/fuzz/binaryBuilders.ts";
import { importWandb } from "./index.ts";
import { BLOCK_LEN, readLeveldbLog } from "./leveldbLog.ts";

const DIR = "wandb/run-20240101_000000-abc123";
const enc = new TextEncoder();
/** Records of any size, so some are split into FIRST/MIDDLE/LAST fragments across blocks. */
const record = fc.oneof({ weight: 8, arbitrary: wandbRecord.map((r) => new Uint8Array(r)) }, { weight: 1, arbitrary: fc.integer({ min: BLOCK_LEN - 40, max: 2 * BLOCK_LEN + 10 }).map((n) => new Uint8Array(n).fill(7)) });
const logFile = fc.oneof(mutatedBytes(fc.array(record, { maxLength: 5 }).map(wandbLog)), fc.array(mutatedBytes(wandbRecord.map((r) => new Uint8Array(r))), { maxLength: 6 }).map(wandbLog));

const json = (v: fc.Arbitrary<unknown>) => mutatedText(v.map((x) => JSON.stringify(x, null, 1)));
const files = fc.record(
  {
    log: logFile,
    summary: json(fc.dictionary(oddName, fc.oneof(oddNumber, fc.string({ maxLength: 4 }), fc.constant(null), fc.dictionary(oddName, oddNumber, { maxKeys: 2 })), { maxKeys: 4 })),
    history: mutatedText(fc.array(fc.dictionary(fc.oneof(fc.constantFrom("_step", "_timestamp", "loss"), oddName), oddNumber, { maxKeys: 3 }), { maxLength: 4 }).map((rows) => rows.map((r) => JSON.stringify(r)).join("\n"))),
    config: mutatedText(fc.array(fc.tuple(oddName, fc.oneof(oddNumber.map(String), oddName.map((s) => JSON.stringify(s)))), { maxLength: 3 }).map((kv) => kv.map(([k, v]) => `${JSON.stringify(k)}:\n  value: ${v}`).join("\n"))),
    metadata: json(fc.record({ startedAt: fc.oneof(fc.constantFrom("2024-01-01T00:00:00", "+275760-09-13T00:00:00.001Z", "x"), fc.string({ maxLength: 5 })), program: fc.string({ maxLength: 5 }), host: oddName }, { requiredKeys: [] })),
    output: fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);

describe("readLeveldbLog(bytes) and importWandb(files) on generated input", () => {
  it(
    "reads back every record of valid framing, fragments joined",
    () => {
      assertProperty(fc.array(record, { maxLength: 5 }), (rs) => {
        const r = readLeveldbLog(wandbLog(rs));
        expect(r.problem).toBeNull();
        expect(r.truncatedAt).toBeNull();
        expect(r.records.map((x) => x.data.length)).toEqual(rs.map((x) => x.length));
        expect(r.records.every((x, i) => x.data.every((b, k) => b === rs[i]![k]))).toBe(true);
      }, 60);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "stops at a problem or a cut inside the file, after the records before it",
    () => {
      assertProperty(logFile, (bytes) => {
        const r = readLeveldbLog(bytes);
        const at = r.problem?.offset ?? r.truncatedAt;
        if (at !== null && at !== undefined) expect(at >= 0 && at <= bytes.length).toBe(true);
      }, 150);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "imports runs that load back (through importRuns, as the CLI does), or gives positioned diagnostics",
    () => {
      assertProperty(files, (f) => {
        const input = [
          ...(f.log ? [{ path: `${DIR}/run-abc123.wandb`, bytes: f.log }] : []),
          ...(f.summary !== undefined ? [{ path: `${DIR}/files/wandb-summary.json`, bytes: enc.encode(f.summary) }] : []),
          ...(f.history !== undefined ? [{ path: `${DIR}/files/wandb-history.jsonl`, bytes: enc.encode(f.history) }] : []),
          ...(f.config !== undefined ? [{ path: `${DIR}/files/config.yaml`, bytes: enc.encode(f.config) }] : []),
          ...(f.metadata !== undefined ? [{ path: `${DIR}/files/wandb-metadata.json`, bytes: enc.encode(f.metadata) }] : []),
          ...(f.output !== undefined ? [{ path: `${DIR}/files/output.log`, bytes: enc.encode(f.output) }] : []),
        ];
        expectImportWellFormed(importRuns(input, { project: "p", format: "wandb", importers: { wandb: importWandb as ImportFn } }), input);
      }, 200);
    },
    PROPERTY_TIMEOUT,
  );
});
