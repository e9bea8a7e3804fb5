import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RowOrientedRowsModel } from "../../../tests/helpers/rowOrientedRowsModel.ts";
import { compileRegex } from "../query/compileRegex.ts";
import type { Expr } from "../query/ast.ts";
import { columnOrder } from "./columnOrder.ts";
import { columnsOfFile, columnsOfPayload, dictionaryFacts, transferablesOf } from "./rowsColumns.ts";
import { disagreementsOf } from "./rowsDisagreements.ts";
import { decodeRowsFile, encodeRowsFile, type RowsFile } from "./rowsFile.ts";
import { filterTravels, maskRows, rowsFilterMask } from "./rowsFilterMask.ts";
import { RowsModel, type RowsState } from "./rowsModel.ts";
import { cellValue, type PayloadCell, type RowsColumn, type RowsPayload } from "./rowsPayload.ts";
import { parseRowFilter } from "./rowFilter.ts";

// Few distinct cells, so that sorts have ties, filters keep some rows and joined runs agree often.
const cell: fc.Arbitrary<PayloadCell> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<PayloadCell>(0, -0, 1, 1.5, -2, 0.25, 1e300, -1e-300) },
  { weight: 4, arbitrary: fc.constantFrom<PayloadCell>("cat", "dog", "1", "", "Cat", "é", "𝒳", "\uffff") },
  { weight: 1, arbitrary: fc.constantFrom<PayloadCell>(null, true, false) },
  { weight: 1, arbitrary: fc.constantFrom<PayloadCell>({ n: "NaN" }, { n: "Infinity" }, { n: "-Infinity" }) },
  // Two media cells of one file under different URLs are the same cell; a path equal to a text cell sorts with it.
  { weight: 1, arbitrary: fc.constantFrom<PayloadCell>({ m: "/m/a.png", p: "cat" }, { m: "/other/a.png", p: "cat" }, { m: "", p: "b.wav" }) },
  // A payload carries non-finite numbers as `{ n }` cells (encodeCell): JSON has none.
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
);
const numberCell: fc.Arbitrary<PayloadCell> = fc.oneof(
  fc.constantFrom<PayloadCell>(0, -0, 1, 2.5, -3, null, { n: "NaN" }, { n: "Infinity" }, { n: "-Infinity" }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A table as a `table` block makes it: shared columns, per-run columns (some compared), a join or not. */
const payload: fc.Arbitrary<RowsPayload> = fc
  .record({
    runCount: fc.integer({ min: 1, max: 3 }),
    joined: fc.boolean(),
    shared: fc.integer({ min: 0, max: 2 }),
    perRun: fc.array(fc.record({ compared: fc.boolean(), numbers: fc.boolean() }), { maxLength: 3 }),
    rowCount: fc.integer({ min: 0, max: 60 }),
  })
  .chain(({ runCount, joined, shared, perRun, rowCount }) => {
    const columns: RowsColumn[] = [
      ...Array.from({ length: shared }, (_, k) => ({ key: `s${k}`, run: null, compared: false })),
      ...perRun.flatMap((c, k) => Array.from({ length: runCount }, (_, r) => ({ key: `p${k}`, run: r, compared: c.compared }))),
    ];
    // A per-run column of numbers in one run may hold text in another: the model compares across both storages.
    const kinds = columns.map((c) => c.run !== null && perRun[Number(c.key.slice(1))]!.numbers && (c.run === 0 || runCount < 3));
    const row = fc.tuple(...columns.map((_, k) => (kinds[k] ? numberCell : cell)));
    return fc.record({
      rows: fc.array(row, { minLength: rowCount, maxLength: rowCount }),
      present: fc.array(fc.integer({ min: 1, max: (1 << runCount) - 1 }), { minLength: rowCount, maxLength: rowCount }),
    }).map(({ rows, present }): RowsPayload => ({
      runs: Array.from({ length: runCount }, (_, r) => ({ id: `p/r${r}`, name: `r${r}`, href: `/runs/p/r${r}/` })),
      columns,
      rows: rows.map((r) => [...r]),
      join: joined ? "id" : null,
      present: joined ? present : null,
      pageSize: 25,
      onlyDisagreements: false,
    }));
  });

const FILTERS = [
  (k: string) => `${k} = "cat"`,
  (k: string) => `${k} != "dog"`,
  (k: string) => `${k} > 0.5`,
  (k: string) => `${k} <= 1`,
  (k: string) => `${k} = 1`,
  (k: string) => `${k} != 1`,
  (k: string) => `${k} < -1e-300`,
  (k: string) => `${k} = null`,
  (k: string) => `${k} != null`,
  (k: string) => `${k} in [0, "1", null]`,
  (k: string) => `${k} in ["cat", 1, true]`,
  (k: string) => `${k} ~ "^[cC]"`,
  (k: string) => `${k} !~ "a"`,
  (k: string) => `not ${k} < 0`,
  (k: string) => `${k} >= "d"`,
];

function filterOf(p: RowsPayload, pick: number, pick2: number, how: number): Expr | null {
  const keys = [...new Set(p.columns.map((c) => c.key))];
  if (keys.length === 0) return null;
  const one = (i: number) => FILTERS[i % FILTERS.length]!(keys[i % keys.length]!);
  const source = how === 0 ? one(pick) : `${one(pick)} ${how === 1 ? "and" : "or"} ${one(pick2)}`;
  const parsed = parseRowFilter(source, keys, compileRegex);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return parsed.expr;
}

const state = (p: RowsPayload, s: { filter: [number, number, number] | null; sort: number | null; descending: boolean; only: boolean }): RowsState => ({
  filter: s.filter ? filterOf(p, ...s.filter) : null,
  sort: s.sort !== null && p.columns.length > 0 ? { column: s.sort % p.columns.length, descending: s.descending } : null,
  onlyDisagreements: s.only,
});
const viewState = fc.record({
  filter: fc.option(fc.tuple(fc.nat(99), fc.nat(99), fc.nat(2))),
  sort: fc.option(fc.nat(20)),
  descending: fc.boolean(),
  only: fc.boolean(),
});

/** What the page receives: the rows file as JSON text, parsed. */
const overTheWire = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe("RowsModel over columns", () => {
  it("gives the row-oriented model's views: same disagreements, same filtered rows, same order, ties in table order", () => {
    fc.assert(
      fc.property(payload, fc.array(viewState, { minLength: 1, maxLength: 4 }), (p, states) => {
        const oracle = new RowOrientedRowsModel(p);
        const model = new RowsModel(p);
        const fromFile = new RowsModel(columnsOfFile(overTheWire(encodeRowsFile(p))));
        expect([...model.differing]).toEqual([...oracle.differing]);
        expect(model.disagreeCount).toBe(oracle.disagreeCount);
        expect(fromFile.disagreeCount).toBe(oracle.disagreeCount);
        for (const s of states) {
          const st = state(p, s);
          const expected = oracle.view(st);
          expect(model.view(st)).toEqual(expected);
          expect(fromFile.view(st)).toEqual(expected);
          // As the page gets it from the worker: the rows kept, computed over the worker's copy of the columns.
          if (st.filter && filterTravels(st.filter)) {
            const copy = structuredClone(columnsOfFile(overTheWire(encodeRowsFile(p))));
            const viaWorker = new RowsModel(columnsOfFile(overTheWire(encodeRowsFile(p))));
            viaWorker.adoptFilter(st.filter, maskRows(rowsFilterMask(structuredClone(st.filter), copy, copy.dictionary.map((c) => cellValue(c)))));
            expect(viaWorker.hasFilter(st.filter)).toBe(true);
            expect(viaWorker.view(st)).toEqual(expected);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it("reads each cell as the rows file decodes it, and highlights the cells the oracle does", () => {
    fc.assert(
      fc.property(payload, (p) => {
        const model = new RowsModel(p);
        const oracle = new RowOrientedRowsModel(p);
        const decoded = decodeRowsFile(encodeRowsFile(p)).rows;
        for (let i = 0; i < p.rows.length; i++) {
          for (let c = 0; c < p.columns.length; c++) {
            expect(model.cell(i, c)).toEqual(decoded[i]![c]);
            expect(model.differs(i, c)).toBe(oracle.differs(i, c));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("sorts 5,000 rows of scores with many ties as Array.prototype.sort does (stable), both ways", () => {
    const rows = Array.from({ length: 5000 }, (_, i): PayloadCell[] => [i, (i * 7919) % 101 === 0 ? null : ((i * 37) % 97) / 8 - 6, ["cat", "dog", "bird"][(i * 13) % 3]!]);
    const p: RowsPayload = { runs: [{ id: "p/a", name: "a", href: "" }], columns: ["id", "score", "label"].map((key) => ({ key, run: null, compared: false })), rows, join: null, present: null, pageSize: 25, onlyDisagreements: false };
    const model = new RowsModel(p);
    const ids = rows.map((_, i) => i);
    const valued = ids.filter((i) => rows[i]![1] !== null);
    const gaps = ids.filter((i) => rows[i]![1] === null);
    const score = (i: number) => rows[i]![1] as number;
    expect(model.view({ filter: null, sort: { column: 1, descending: false }, onlyDisagreements: false })).toEqual([...[...valued].sort((a, b) => score(a) - score(b)), ...gaps]);
    expect(model.view({ filter: null, sort: { column: 1, descending: true }, onlyDisagreements: false })).toEqual([...[...valued].sort((a, b) => score(b) - score(a)), ...gaps]);
    const label = (i: number) => rows[i]![2] as string;
    expect(model.view({ filter: null, sort: { column: 2, descending: true }, onlyDisagreements: false })).toEqual([...ids].sort((a, b) => (label(a) < label(b) ? 1 : label(a) > label(b) ? -1 : 0)));
  });
});

describe("rows a filter keeps, as the worker hands them over", () => {
  it("lists the rows a mask keeps, ascending", () => {
    expect([...maskRows(Uint8Array.from([0, 1, 1, 0, 1]))]).toEqual([1, 2, 4]);
    expect(maskRows(new Uint8Array(3)).length).toBe(0);
  });

  it("sends a filter to the worker only where no `~` pattern needs its regex compiled here", () => {
    const parse = (source: string) => {
      const parsed = parseRowFilter(source, ["pred"], compileRegex);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return parsed.expr;
    };
    expect(filterTravels(parse('pred = "cat" or not pred in ["dog"]'))).toBe(true);
    expect(filterTravels(parse('pred = "cat" and not pred ~ "^c"'))).toBe(false);
    const chain = Array.from({ length: 20_000 }, () => 'pred = "cat"').join(" or ");
    expect(filterTravels(parse(chain))).toBe(true);
    expect(filterTravels(parse(`${chain} or pred ~ "^c"`))).toBe(false);
  });

  it("ignores a row list that names rows the table does not have", () => {
    const p: RowsPayload = { runs: [{ id: "p/a", name: "a", href: "" }], columns: [{ key: "pred", run: null, compared: false }], rows: [["cat"], ["dog"]], join: null, present: null, pageSize: 25, onlyDisagreements: false };
    const model = new RowsModel(p);
    const expr = filterOf(p, 0, 0, 0)!;
    model.adoptFilter(expr, Int32Array.from([0, 9]));
    expect(model.hasFilter(expr)).toBe(false);
    model.adoptFilter(expr, Int32Array.from([1]));
    expect(model.view({ filter: expr, sort: null, onlyDisagreements: false })).toEqual([1]);
  });
});

describe("rows by column", () => {
  const file = (): RowsFile =>
    overTheWire(
      encodeRowsFile({
        runs: [{ id: "p/a", name: "a", href: "" }],
        columns: [{ key: "score", run: null, compared: false }, { key: "pred", run: null, compared: false }],
        rows: [[0.5, "cat"], [null, "dog"], [{ n: "NaN" }, "cat"], [{ n: "-Infinity" }, null]],
        join: null,
        present: null,
        pageSize: 25,
        onlyDisagreements: false,
      }),
    );

  it("stores numbers in a Float64Array with gaps marked, other cells as dictionary codes", () => {
    const columns = columnsOfFile(file());
    expect(columns.rowCount).toBe(4);
    const [score, pred] = columns.data;
    expect(score!.kind).toBe("numbers");
    if (score!.kind !== "numbers") return;
    expect([...score.values]).toEqual([0.5, NaN, NaN, -Infinity]);
    expect([...score.gaps!]).toEqual([0, 1, 0, 0]);
    expect(pred!.kind === "codes" && [...pred.codes].map((c) => columns.dictionary[c])).toEqual(["cat", "dog", "cat", null]);
  });

  it("reads a code outside the dictionary as an empty cell rather than failing", () => {
    const f = file();
    (f.data[1] as { cells: number[] }).cells = [0, 99, -1, 1.5];
    const model = new RowsModel(columnsOfFile(f));
    expect([0, 1, 2, 3].map((i) => model.cell(i, 1))).toEqual(["cat", null, null, null]);
    expect(model.view({ filter: null, sort: { column: 1, descending: false }, onlyDisagreements: false })).toEqual([0, 1, 2, 3]);
  });

  it("ranks the dictionary: numbers, booleans, text in code point order, then gaps; equal values share a rank", () => {
    const dictionary: PayloadCell[] = ["b", 2, null, true, "a", { n: "NaN" }, false, -0, 0, { m: "/x", p: "a" }, "\uffff", "𝒳"];
    const { rank, gapRank, sameClass } = dictionaryFacts(dictionary);
    expect([...rank]).toEqual([5, 1, 8, 3, 4, 8, 2, 0, 0, 4, 6, 7]);
    expect(gapRank).toBe(8);
    // -0 and 0 are one cell; the media cell is not the text it sorts with.
    expect(sameClass[7]).toBe(sameClass[8]);
    expect(sameClass[4]).not.toBe(sameClass[9]);
  });

  it("orders a column of codes by rank, stable, with ties marked and gaps last", () => {
    const facts = dictionaryFacts(["b", "a", null]);
    const order = columnOrder({ kind: "codes", codes: Uint32Array.from([0, 2, 1, 0, 1]) }, facts, 5);
    expect([...order.order]).toEqual([2, 4, 0, 3, 1]);
    expect([...order.ties]).toEqual([0, 1, 0, 1, 0]);
    expect(order.gaps).toBe(1);
  });

  it("hands over every typed array a worker posts, with the facts and disagreements it computed", () => {
    const plain = columnsOfPayload(decodeRowsFile(file()));
    const facts = dictionaryFacts(plain.dictionary);
    const columns = { ...plain, facts, differing: disagreementsOf(plain, facts) };
    // score values and gaps, pred codes, the disagreements, the two fact arrays.
    expect(transferablesOf(columns)).toHaveLength(6);
    const copy = structuredClone(columns, { transfer: transferablesOf(columns) });
    expect(columns.differing.length).toBe(0);
    const model = new RowsModel(copy);
    expect(model.view({ filter: null, sort: { column: 0, descending: true }, onlyDisagreements: false })).toEqual([0, 3, 1, 2]);
    // An order computed elsewhere is used as it is.
    const order = columnOrder(copy.data[1]!, copy.facts, 4);
    model.adoptOrder(1, { ...order, order: Int32Array.from([3, 2, 1, 0]) });
    expect(model.view({ filter: null, sort: { column: 1, descending: false }, onlyDisagreements: false })).toEqual([3, 2, 1, 0]);
  });
});
