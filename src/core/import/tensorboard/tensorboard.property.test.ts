import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importRuns, type ImportFn } from "../importRuns.ts";
import { assertProperty, mutatedBytes, PROPERTY_TIMEOUT } from "../../../../tests/unit/fuzz/fuzz.ts";
import { expectImportWellFormed } from "../../../../tests/unit/fuzz/importChecks.ts";
import { tbEvent, tfrecords } from "../../../../tests/unit/fuzz/binaryBuilders.ts";
import { importTensorboard } from "./index.ts";
import { readTfRecords } from "./tfrecord.ts";

const PATH = "logs/a/events.out.tfevents.1700000000.host";
const records = fc.array(tbEvent.map((e) => new Uint8Array(e)), { maxLength: 6 });
/** Event files damaged two ways: the framed bytes, and the events inside valid framing (so the decoder sees them). */
const eventFile = fc.oneof(mutatedBytes(records.map(tfrecords)), fc.array(mutatedBytes(tbEvent.map((e) => new Uint8Array(e))), { maxLength: 6 }).map(tfrecords));

describe("readTfRecords(bytes) and importTensorboard(files) on generated input", () => {
  it(
    "reads back every record of valid framing",
    () => {
      assertProperty(records, (rs) => {
        const r = readTfRecords(tfrecords(rs));
        expect(r.problem).toBeNull();
        expect(r.truncatedAt).toBeNull();
        expect(r.records.map((x) => [...x.data])).toEqual(rs.map((x) => [...x]));
      });
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "stops at a problem or a cut inside the file, after the records before it",
    () => {
      assertProperty(eventFile, (bytes) => {
        const r = readTfRecords(bytes);
        const at = r.problem?.offset ?? r.truncatedAt;
        if (at !== null && at !== undefined) expect(at >= 0 && at < bytes.length).toBe(true);
        for (const rec of r.records) expect(rec.offset + 12 + rec.data.length + 4).toBeLessThanOrEqual(bytes.length);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "imports runs that load back (through importRuns, as the CLI does), or gives positioned diagnostics",
    () => {
      assertProperty(fc.tuple(eventFile, fc.option(eventFile)), ([a, b]) => {
        const files = [{ path: PATH, bytes: a }, ...(b ? [{ path: "logs/a/events.out.tfevents.1700000001.host", bytes: b }] : [])];
        expectImportWellFormed(importRuns(files, { project: "p", format: "tensorboard", importers: { tensorboard: importTensorboard as ImportFn } }), files);
      }, 250);
    },
    PROPERTY_TIMEOUT,
  );
});
