import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyRunFiles } from "./classifyRunFiles.ts";
import { parseRunFolder } from "./parseRunFolder.ts";
import { parseTableFile } from "./parseTableFile.ts";
import { csvTableCell } from "./parseTableCsv.ts";
import { MAX_TABLE_ROWS } from "./tableBuilder.ts";

const media = new Set(["media/preds/0.png", "media/preds/1.png"]);
const jsonl = (text: string, file = "runs/p/r/tables/preds.jsonl") => parseTableFile({ path: file, text }, { mediaFiles: media });
const csv = (text: string, file = "runs/p/r/tables/preds.csv") => parseTableFile({ path: file, text }, { mediaFiles: media });
/** Diagnostics as `line:column code` plus the message, for exact comparison. */
const where = (r: ReturnType<typeof jsonl>) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);

describe("JSON-lines tables", () => {
  it("reads rows into columns in first-seen order, with gaps where a row lacks a column", () => {
    const r = jsonl('{"id": 1, "label": "cat", "pred": "dog"}\n\n{"id": 2, "pred": "cat", "score": 0.5, "ok": true, "note": null}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.table).toEqual({
      name: "preds",
      file: "runs/p/r/tables/preds.jsonl",
      columns: ["id", "label", "pred", "score", "ok", "note"],
      rows: [
        [1, "cat", "dog"],
        [2, null, "cat", 0.5, true, null],
      ],
      steps: null,
    });
  });

  it("accepts bare NaN, Infinity and -Infinity as numbers", () => {
    const r = jsonl('{"id": 1, "loss": NaN, "hi": Infinity, "lo": -Infinity}');
    expect(r.diagnostics).toEqual([]);
    const row = r.table!.rows[0]!;
    expect(row[1]).toBeNaN();
    expect(row.slice(2)).toEqual([Infinity, -Infinity]);
  });

  it("reads a row of a real W&B table, bare NaN and all", () => {
    const file = path.resolve(import.meta.dirname, "../../../../shared/fixtures/real/wandb/hyper-graph-nets-files-dir/media/table/n_step_losses_402_ccf93caa1ddb76b614d6.table.json");
    if (!existsSync(file)) {
      console.warn(`[runfolio] real fixture ${file} is absent: skipping the W&B table row test`);
      return;
    }
    const text = readFileSync(file, "utf8");
    const columns = /"columns":\s*\[([^\]]*)\]/.exec(text)![1]!.split(",").map((c) => c.trim());
    const row = /"data":\s*\[\[([^\]]*)\]/.exec(text)![1]!.split(",").map((c) => c.trim());
    expect(row).toContain("NaN");
    const line = `{${columns.map((c, i) => `${c}: ${row[i]}`).join(", ")}}`;
    const r = jsonl(line);
    expect(r.diagnostics).toEqual([]);
    expect(r.table!.columns).toEqual(columns.map((c) => JSON.parse(c) as string));
    expect(r.table!.rows[0]![0]).toBe(60);
    expect(r.table!.rows[0]![2]).toBeNaN();
  });

  it("keeps media cells that name a file of the run folder", () => {
    const r = jsonl('{"id": 0, "image": {"media": "media/preds/0.png"}}');
    expect(r.diagnostics).toEqual([]);
    expect(r.table!.rows[0]).toEqual([0, { media: "media/preds/0.png" }]);
  });

  it("reports each broken line at its position and leaves the table out", () => {
    const r = jsonl(['{"id": 1}', "[1, 2]", '{"id": 3, "x": [1]}', '{"id": 4,}', '{"id": 5, "img": {"media": "../x.png"}}', '{"id": 6, "img": {"media": "media/preds/9.png"}}'].join("\n"));
    expect(r.table).toBeNull();
    expect(where(r)).toEqual([
      "2:1 error RUN090 expected a row object on line 2, found a list",
      '3:16 error RUN091 expected a string, number, boolean, null or {"media": "media/…"} for column "x", found a list',
      "4:9 error RUN001 invalid JSON: trailing comma before '}'; expected a property name in double quotes",
      '5:28 error RUN092 expected a media file path under media/ in this run folder, found "../x.png": it has a \'.\' or \'..\' folder',
      '6:28 error RUN093 media file "media/preds/9.png" does not exist in this run folder',
    ]);
  });

  it("reads per-step tables and rejects a bad or missing step", () => {
    const ok = jsonl('{"step": 0, "id": 1}\n{"step": 5, "id": 1}');
    expect(ok.table!.steps).toEqual([0, 5]);
    const bad = jsonl('{"step": 0, "id": 1}\n{"step": 1.5, "id": 2}\n{"id": 3}');
    expect(where(bad)).toEqual([
      "2:10 error RUN094 expected `step` to be a whole number from 0 on, found the number 1.5",
      "3:1 error RUN094 expected `step` to be a whole number from 0 on, found no `step` on this row, though the first row has one",
    ]);
  });

  it("stops at the row limit with one error", () => {
    const r = jsonl('{"i": 1}\n'.repeat(MAX_TABLE_ROWS + 2));
    expect(where(r)).toEqual([`${MAX_TABLE_ROWS + 1}:1 error RUN095 more than 200,000 rows, the most a table may hold`]);
  });

  it("warns about an empty table and rejects a bad name", () => {
    expect(where(jsonl("\n\n"))).toEqual(["1:1 warning RUN098 the table has no rows"]);
    expect(where(jsonl('{"a": 1}', "runs/p/r/tables/my table.jsonl"))).toEqual([`1:1 error RUN096 table name "my table" may hold only letters, digits, '.', '_' and '-'`]);
  });
});

describe("CSV tables", () => {
  it("types cells as a history CSV does, keeping quoted cells and leading zeros as text", () => {
    expect(csvTableCell("1.5", 0, 3, false)).toBe(1.5);
    expect(csvTableCell("nan", 0, 3, false)).toBeNaN();
    expect(csvTableCell("-inf", 0, 4, false)).toBe(-Infinity);
    expect(csvTableCell("Infinity", 0, 8, false)).toBe(Infinity);
    expect(csvTableCell("007", 0, 3, false)).toBe("007");
    expect(csvTableCell("12", 0, 2, true)).toBe("12");
    expect(csvTableCell("", 0, 0, false)).toBeNull();
    expect(csvTableCell("true", 0, 4, false)).toBe("true");
    expect(csvTableCell("cat dog", 0, 7, false)).toBe("cat dog");
  });

  it("reads header and rows, with image paths as media cells", () => {
    const r = csv('id,label,score,image\n007,"cat, black",0.25,media/preds/1.png\n8,dog,,\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.table!.columns).toEqual(["id", "label", "score", "image"]);
    expect(r.table!.rows).toEqual([
      ["007", "cat, black", 0.25, { media: "media/preds/1.png" }],
      [8, "dog", null, null],
    ]);
  });

  it("reports broken rows at their positions", () => {
    const r = csv("step,id,img\n0,1,media/preds/1.png\nx,2\n1,3,media/preds/7.png,extra\n");
    expect(r.table).toBeNull();
    expect(where(r)).toEqual([
      "3:1 warning RUN014 row has 2 cells but the header has 3 columns; the missing cells are gaps",
      '3:1 error RUN094 expected `step` to be a whole number from 0 on, found the text "x"',
      '4:5 error RUN093 media file "media/preds/7.png" does not exist in this run folder',
      "4:23 error RUN013 row has 4 cells but the header has 3 columns",
    ]);
  });

  it("reports a duplicate column and an unterminated quote", () => {
    expect(where(csv("id,id\n1,2\n"))).toEqual(["1:4 error RUN017 duplicate column \"id\" (first seen as column 1)"]);
    expect(where(csv('id,label\n1,"cat\n'))).toEqual([`2:3 error RUN015 unterminated quoted cell: no closing '"' before the end of the file`]);
  });
});

describe("tables in a run folder", () => {
  it("are classified with their run and kept as a short description, not their rows", () => {
    const files = ["runs/p/r/run.json", "runs/p/r/tables/b.csv", "runs/p/r/tables/a.jsonl", "runs/p/r/tables/history.csv"];
    const { sources, diagnostics } = classifyRunFiles(files);
    expect(diagnostics).toEqual([]);
    expect(sources).toEqual([{ format: "folder", id: "p/r", files: ["runs/p/r/run.json", "runs/p/r/tables/a.jsonl", "runs/p/r/tables/b.csv", "runs/p/r/tables/history.csv"] }]);
    const texts: Record<string, string> = {
      "runs/p/r/run.json": '{"name": "r"}',
      "runs/p/r/tables/a.jsonl": '{"step": 1, "id": 1}\n{"step": 3, "id": 1}\n{"step": 3, "id": 2}',
      "runs/p/r/tables/b.csv": "id,pred\n1,cat\n",
      "runs/p/r/tables/history.csv": "id\n1\n",
    };
    const parsed = parseRunFolder("p/r", sources[0]!.files.map((f) => ({ path: f, text: texts[f]! })), { mediaFiles: new Set() });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.run!.steps).toBe(0);
    expect(parsed.run!.tables).toEqual([
      { name: "a", file: "runs/p/r/tables/a.jsonl", rows: 3, columns: ["step", "id"], steps: [1, 3] },
      { name: "b", file: "runs/p/r/tables/b.csv", rows: 1, columns: ["id", "pred"], steps: [] },
      { name: "history", file: "runs/p/r/tables/history.csv", rows: 1, columns: ["id"], steps: [] },
    ]);
  });

  it("leave out a second table of the same name; the run keeps the rest", () => {
    const files = ["runs/p/r/tables/a.csv", "runs/p/r/tables/a.jsonl"];
    const parsed = parseRunFolder("p/r", [{ path: files[0]!, text: "id\n1\n" }, { path: files[1]!, text: '{"id": 1}' }]);
    expect(parsed.run!.tables!.map((t) => t.file)).toEqual(["runs/p/r/tables/a.csv"]);
    expect(parsed.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual(['runs/p/r/tables/a.jsonl RUN097 a second table named "a" (the first is runs/p/r/tables/a.csv); this one is left out']);
  });
});
