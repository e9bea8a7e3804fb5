import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeRows, decodeRowsFile, encodeRowsFile, ROWS_FILE_FORMAT, type RowsFile } from "./rowsFile.ts";
import type { PayloadCell, RowsPayload } from "./rowsPayload.ts";

const cell: fc.Arbitrary<PayloadCell> = fc.oneof(
  fc.constant(null),
  fc.double(),
  fc.integer(),
  fc.constantFrom("cat", "dog", "1", ""),
  fc.string(),
  fc.boolean(),
  fc.constantFrom<PayloadCell>({ n: "NaN" }, { n: "Infinity" }, { n: "-Infinity" }),
  fc.constantFrom<PayloadCell>({ m: "/data/table-media/a.png", p: "media/a.png" }, { m: "", p: "media/b.wav" }),
);

function payloadOf(width: number, rows: PayloadCell[][]): RowsPayload {
  return {
    runs: [{ id: "p/a", name: "a", href: "/runs/p/a/" }],
    columns: Array.from({ length: width }, (_, i) => ({ key: `c${i}`, run: i % 2 === 0 ? null : 0, compared: i % 2 === 1 })),
    rows,
    join: null,
    present: null,
    pageSize: 25,
    onlyDisagreements: false,
  };
}

const payload = fc.integer({ min: 0, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 40 }).map((rows) => payloadOf(width, rows)));

/** What a page receives: the file as JSON text, parsed. */
const overTheWire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe("rows file", () => {
  it("gives back the payload the page would have read as JSON, for any rows", () => {
    fc.assert(
      fc.property(payload, (p) => {
        expect(decodeRowsFile(overTheWire(encodeRowsFile(p)))).toEqual(overTheWire(p));
      }),
      { numRuns: 300 },
    );
  });

  it("decodes in slices that join up to the whole", () => {
    fc.assert(
      fc.property(payload, fc.integer({ min: 1, max: 7 }), (p, size) => {
        const file = overTheWire(encodeRowsFile(p));
        const rows = [];
        for (let from = 0; from < file.rowCount; from += size) rows.push(...decodeRows(file, from, from + size));
        expect(rows).toEqual(decodeRowsFile(file).rows);
      }),
    );
  });

  it("keeps numbers as they are and stores each distinct other cell once", () => {
    const p = payloadOf(3, [
      [1, "cat", 0.5],
      [2, "dog", null],
      [3, "cat", 0.25],
      [4, 1, -0.125],
      [5, "1", 1e300],
    ]);
    p.present = [1, 3, 3, 2, 1];
    p.join = "c0";
    const file = encodeRowsFile(p);
    expect(file.format).toBe(ROWS_FILE_FORMAT);
    expect(file.rowCount).toBe(5);
    expect(file.dictionary).toEqual(["cat", "dog", 1, "1"]);
    expect(file.data).toEqual([{ numbers: [1, 2, 3, 4, 5] }, { cells: [0, 1, 0, 2, 3] }, { numbers: [0.5, null, 0.25, -0.125, 1e300] }]);
    expect(file.present).toEqual([1, 3, 3, 2, 1]);
    expect(file.join).toBe("c0");
    expect(file).not.toHaveProperty("rows");
    expect(decodeRowsFile(overTheWire(file)).rows).toEqual(p.rows);
  });

  it("stores booleans and media cells through the dictionary, non-finite numbers in a number column by name", () => {
    const p = payloadOf(2, [
      [{ n: "NaN" }, { n: "NaN" }],
      [true, 0.5],
      [{ m: "/x.png", p: "media/x.png" }, { n: "-Infinity" }],
      [{ n: "NaN" }, null],
      [2, { n: "Infinity" }],
    ]);
    const file = encodeRowsFile(p);
    expect(file.dictionary).toEqual([{ n: "NaN" }, true, { m: "/x.png", p: "media/x.png" }, 2]);
    expect(file.data).toEqual([{ cells: [0, 1, 2, 0, 3] }, { numbers: ["NaN", 0.5, "-Infinity", null, "Infinity"] }]);
    expect(decodeRowsFile(overTheWire(file)).rows).toEqual(p.rows);
  });

  it("is the same for the same payload: the build stays byte-identical", () => {
    fc.assert(fc.property(payload, (p) => JSON.stringify(encodeRowsFile(p)) === JSON.stringify(encodeRowsFile(overTheWire(p)))));
  });

  it("is smaller than the payload for repeated labels", () => {
    const rows = Array.from({ length: 1000 }, (_, i): PayloadCell[] => [i, ["cat", "dog", "bird"][i % 3]!, ["cat", "dog"][i % 2]!, (i % 97) / 97]);
    const p = payloadOf(4, rows);
    expect(JSON.stringify(encodeRowsFile(p)).length).toBeLessThan(JSON.stringify(p).length * 0.75);
  });

  it("refuses a file in another format (a stale payload file) instead of showing wrong rows", () => {
    const old = overTheWire(payloadOf(1, [[1]])) as unknown as RowsFile;
    expect(() => decodeRowsFile(old)).toThrow(/not in the format/);
    const other = { ...encodeRowsFile(payloadOf(2, [[1, 2]])), format: "runfolio-rows-0" } as unknown as RowsFile;
    expect(() => decodeRowsFile(other)).toThrow(/not in the format/);
  });
});
