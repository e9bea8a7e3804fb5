import { describe, expect, it } from "vitest";
import type { TableCell, TableData } from "../runs/tableData.ts";
import { joinRows, type RunRows } from "./joinRows.ts";
import { RowsModel } from "./rowsModel.ts";
import type { RowsPayload } from "./rowsPayload.ts";
import { compileRegex } from "../query/compileRegex.ts";
import { parseRowFilter, rowMatches } from "./rowFilter.ts";

function table(columns: string[], rows: TableCell[][]): TableData {
  return { name: "preds", file: "runs/p/x/tables/preds.jsonl", columns, rows, steps: null };
}
const runRows = (name: string, t: TableData): RunRows => ({ run: { id: `p/${name}`, name, href: `/runs/p/${name}/` }, table: t, rows: t.rows.map((_, i) => i) });
const media = (r: number, p: string) => `/m/${r}/${p}`;

// Two models on five examples. id 3 only in a, id 6 only in b.
const a = table(["id", "label", "pred", "score", "image"], [
  [1, "cat", "cat", 0.9, { media: "media/1.png" }],
  [2, "dog", "cat", 0.6, { media: "media/2.png" }],
  [3, "dog", "dog", 0.7, { media: "media/3.png" }],
  [4, "cat", "dog", 0.55, { media: "media/4.png" }],
  [5, "cat", "cat", NaN, { media: "media/5.png" }],
]);
const b = table(["id", "label", "pred", "score", "image"], [
  [2, "dog", "dog", 0.8, { media: "media/2.png" }],
  [1, "cat", "cat", 0.95, { media: "media/1.png" }],
  [4, "cat", "dog", 0.51, { media: "media/4.png" }],
  [5, "cat", "dog", 0.5, { media: "media/5.png" }],
  [6, "dog", "dog", 0.99, { media: "media/6.png" }],
]);

function payloadOf(inputs: RunRows[], join: string | null, columns: string[], keep?: (r: Record<string, unknown>) => boolean): RowsPayload {
  const j = joinRows(inputs, { join, columns, compare: null, runColumn: "run", mediaHref: media, ...(keep ? { keep } : {}) });
  expect(j.problems).toEqual([]);
  return { runs: inputs.map((i) => i.run), columns: j.columns, rows: j.rows, join, present: j.present, pageSize: 2, onlyDisagreements: false };
}

describe("joining runs' tables on an id", () => {
  const p = payloadOf([runRows("a", a), runRows("b", b)], "id", ["label", "pred", "score", "image"]);
  const model = new RowsModel(p);

  it("shows columns equal in every run once and the rest once per run", () => {
    expect(p.columns).toEqual([
      { key: "id", run: null, compared: false },
      { key: "label", run: null, compared: false },
      { key: "pred", run: 0, compared: true },
      { key: "pred", run: 1, compared: true },
      { key: "score", run: 0, compared: false },
      { key: "score", run: 1, compared: false },
      { key: "image", run: null, compared: false },
    ]);
  });

  it("makes one row per id in first-seen order, with gaps where a run lacks the id", () => {
    expect(p.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(p.rows[2]).toEqual([3, "dog", "dog", null, 0.7, null, { m: "/m/0/media/3.png", p: "media/3.png" }]);
    expect(p.rows[4]!.slice(4, 6)).toEqual([{ n: "NaN" }, 0.5]);
    expect(p.present).toEqual([3, 3, 1, 3, 3, 2]);
  });

  it("counts rows where the runs that have them predict differently: ids 2 and 5", () => {
    expect(model.disagreeCount).toBe(2);
    expect([...model.differing].map((d) => d !== 0)).toEqual([false, true, false, false, true, false]);
    expect(model.differs(1, 2)).toBe(true);
    expect(model.differs(1, 3)).toBe(true);
    expect(model.differs(1, 4)).toBe(false); // scores are not compared
    expect(model.differs(0, 2)).toBe(false);
  });

  it("filters joined rows by any run's values, and lists only disagreements", () => {
    const f = parseRowFilter('pred = "cat"', model.fields(), compileRegex);
    if (!f.ok) throw new Error(f.error.message);
    expect(model.view({ filter: f.expr, sort: null, onlyDisagreements: false }).map((i) => p.rows[i]![0])).toEqual([1, 2, 5]);
    expect(model.view({ filter: f.expr, sort: null, onlyDisagreements: true }).map((i) => p.rows[i]![0])).toEqual([2, 5]);
  });

  it("sorts by one run's column, gaps last both ways, ties in table order", () => {
    const score0 = 4;
    const up = model.view({ filter: null, sort: { column: score0, descending: false }, onlyDisagreements: false });
    expect(up.map((i) => p.rows[i]![0])).toEqual([4, 2, 3, 1, 5, 6]);
    const down = model.view({ filter: null, sort: { column: score0, descending: true }, onlyDisagreements: false });
    expect(down.map((i) => p.rows[i]![0])).toEqual([1, 3, 2, 4, 5, 6]);
    const byLabel = model.view({ filter: null, sort: { column: 1, descending: true }, onlyDisagreements: false });
    expect(byLabel.map((i) => p.rows[i]![0])).toEqual([2, 3, 6, 1, 4, 5]);
  });

  it("keeps a joined row when any run's source row passes the block's filter", () => {
    const f = parseRowFilter("score >= 0.9", ["id", "label", "pred", "score", "image"], compileRegex);
    if (!f.ok) throw new Error(f.error.message);
    const kept = payloadOf([runRows("a", a), runRows("b", b)], "id", ["pred"], (r) => rowMatches(f.expr, r));
    expect(kept.rows.map((r) => r[0])).toEqual([1, 6]);
  });

  it("reports an id twice in a run, and a row without an id", () => {
    const dup = table(["id", "pred"], [[1, "a"], [1, "b"], [null, "c"]]);
    const j = joinRows([runRows("a", dup)], { join: "id", columns: ["pred"], compare: null, runColumn: "run", mediaHref: media });
    expect(j.problems).toEqual([{ kind: "duplicateId", run: 0, id: "1" }, { kind: "missingId", run: 0, row: 2 }]);
  });
});

describe("runs' tables without a join", () => {
  it("lists each run's rows after a column naming the run", () => {
    const p = payloadOf([runRows("a", a), runRows("b", b)], null, ["id", "pred"]);
    expect(p.columns.map((c) => c.key)).toEqual(["run", "id", "pred"]);
    expect(p.rows.length).toBe(10);
    expect(p.rows[5]).toEqual(["b", 2, "dog"]);
    expect(new RowsModel(p).disagreeCount).toBe(0);
  });
});

describe("sorting", () => {
  it("orders numbers of every sign and size, then booleans, then text, gaps last; ties in table order", () => {
    const values = [3, -1, Infinity, -Infinity, 0, -0, 2.5, NaN, null, -1e-300, 1e300, -1, "b", true, "a", false, 3, -7.25e10];
    const t = table(["v"], values.map((v) => [v]));
    const p = payloadOf([runRows("a", t)], null, ["v"]);
    const model = new RowsModel(p);
    const up = model.view({ filter: null, sort: { column: 0, descending: false }, onlyDisagreements: false });
    expect(up).toEqual([3, 17, 1, 11, 9, 4, 5, 6, 0, 16, 10, 2, 15, 13, 14, 12, 7, 8]);
    const down = model.view({ filter: null, sort: { column: 0, descending: true }, onlyDisagreements: false });
    expect(down).toEqual([12, 14, 13, 15, 2, 10, 0, 16, 6, 4, 5, 9, 1, 11, 17, 3, 7, 8]);
  });
});
