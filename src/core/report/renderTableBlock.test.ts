import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import type { Run } from "../run.ts";
import { parseTableFile } from "../runs/parseTableFile.ts";
import type { TableData } from "../runs/tableData.ts";
import { tableInfo } from "../runs/tableBuilder.ts";
import { compileReport } from "./compileReport.ts";
import { parseReport } from "./parseReport.ts";
import type { RowsPayload } from "../runTables/rowsPayload.ts";

const files: Record<string, string> = {
  "evals/m1": '{"step": 0, "id": 1, "label": "cat", "pred": "dog", "score": 0.4}\n{"step": 3, "id": 1, "label": "cat", "pred": "cat", "score": 0.9}\n{"step": 3, "id": 2, "label": "dog", "pred": "dog", "score": 0.7}\n',
  "evals/m2": '{"id": 2, "label": "dog", "pred": "cat", "score": 0.6}\n{"id": 1, "label": "cat", "pred": "cat", "score": 0.8}\n',
  "dup/d": '{"id": 1, "pred": "a"}\n{"id": 1, "pred": "b"}\n',
};
const tables = new Map<string, TableData>();
const runs: Run[] = Object.entries(files).map(([id, text]) => {
  const table = parseTableFile({ path: `runs/${id}/tables/preds.jsonl`, text }).table!;
  tables.set(id, table);
  return makeRun(id, { source: { format: "folder", files: [`runs/${id}/run.json`] }, tables: [tableInfo(table)] });
});
runs.push(makeRun("demo/plain"));

async function compile(body: string, render = true) {
  const report = parseReport("reports/t.md", `---\ntitle: T\n---\n\n${body}`);
  return compileReport(report, {
    runs,
    readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }),
    readTable: async (run, name) => {
      expect(name).toBe("preds");
      return tables.get(run.id)!;
    },
    tableRowsHref: (id) => `/data/tables/reports/t/${id}.json`,
    tableMediaHref: (run, path) => `/m/${run.id}/${path}`,
    colors: new Map(),
    hrefForRun: (id) => `/runs/${id}/`,
    render,
  });
}

describe("table blocks", () => {
  it("report every bad option at its position, with did-you-means over tables and columns", async () => {
    const body = [
      "```table", 'runs: project = "evals"', "key: pred", "```", "",
      "```table", 'runs: project = "evals"', "key: preds", "join: idd", "columns: [label, prediction]", "compare: [scor]", "sort: -scroe", "step: 7", "page_size: 2", "show: some", "```", "",
      "```table", 'runs: project = "evals"', "key: preds", 'filter: label = "cat" and preed != "cat"', "```", "",
      "```table", 'runs: project = "evals"', "key: preds", 'filter: label has "cat"', "```", "",
      "```table", 'runs: project = "evals"', "key: preds", "max_runs: 1", "```", "",
      "```table", 'runs: project = "demo"', "key: preds", "```", "",
    ].join("\n");
    for (const render of [true, false]) {
      const out = await compile(body, render);
      expect(out.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}${d.hint ? ` | ${d.hint}` : ""}`)).toEqual([
        "7:6 BLOCK076 run evals/m1 has no table `pred` (a file `tables/pred.jsonl` or `tables/pred.csv` in the run folder) | did you mean `preds`?",
        "13:7 BLOCK077 the table `preds` has no column `idd` | did you mean `id`?",
        "14:18 BLOCK077 the table `preds` has no column `prediction` | its columns: step, id, label, pred, score",
        "15:11 BLOCK077 the table `preds` has no column `scor` | did you mean `score`?",
        "16:7 BLOCK077 the table `preds` has no column `scroe` | its columns: label",
        "17:7 BLOCK078 the table of run evals/m1 has no rows at step 7 | its steps: 0, 3; or leave `step` out for the last",
        "18:12 BLOCK007 `page_size` must be at least 5, found 2",
        "19:7 BLOCK005 `show` must be one of `all`, `disagreements`, found \"some\"",
        "25:27 EXPR026 the table has no column `preed` | did you mean `pred`?",
        "31:9 EXPR027 `has` looks inside lists; a table cell holds one value | compare the cell instead: pred = \"cat\", or pred ~ \"^ca\"",
        "35:7 BLOCK082 the run set selects 2 runs; this table shows at most 1 | narrow `runs:`, or raise `max_runs` (up to 16)",
        "42:6 BLOCK076 run demo/plain has no table `preds` (a file `tables/preds.jsonl` or `tables/preds.csv` in the run folder) | select runs that have the table with `runs:`, or write it (docs/run-format.md)",
      ]);
    }
  });

  it("report an id on two rows of a run when joining, in check and build alike", async () => {
    for (const render of [true, false]) {
      const out = await compile(["```table", 'runs: project = "dup"', "key: preds", "join: id", "```"].join("\n"), render);
      expect(out.diagnostics.map(formatDiagnostic)).toEqual([
        "reports/t.md:8:7: error BLOCK079: `id` \"1\" is on more than one row of run dup/d's table; a join needs one row per id\n  8 | join: id\n            ^^\n  hint: join on a column that names each example once, or show the rows without `join`",
      ]);
    }
  });

  it("join runs at each run's last step, sorted and filtered as written, rows inline when few", async () => {
    const out = await compile(["```table", "title: Both", 'runs: project = "evals"', "key: preds", "join: id", "sort: -id", 'filter: label = "dog" or score > 0.85', "```"].join("\n"));
    expect(out.diagnostics).toEqual([]);
    const block = out.blocks[0]!;
    expect(block).toMatchObject({ id: "rows-1", lang: "table", kind: "table", title: "Both", runIds: ["evals/m1", "evals/m2"], script: "rows" });
    const payload = block.payload as RowsPayload;
    expect(payload.columns.map((c) => `${c.key}${c.run === null ? "" : `@${c.run}`}${c.compared ? "*" : ""}`)).toEqual(["id", "label", "pred@0*", "pred@1*", "score@0", "score@1"]);
    expect(payload.rows).toEqual([
      [2, "dog", "dog", "cat", 0.7, 0.6],
      [1, "cat", "cat", "cat", 0.9, 0.8],
    ]);
    expect(out.scripts.has("rows")).toBe(true);
    expect(out.html).toContain('<div class="rf-rows" id="rows-1" data-runfolio-rows>');
    expect(out.html).toContain('<p class="rf-rows-status" aria-live="polite">2 rows · 1 where the runs disagree</p>');
    expect(out.html).toContain('<td class="rf-rows-differs">dog</td><td class="rf-rows-differs">cat</td>');
    expect(out.html).toContain('<script type="application/json" class="rf-rows-data">');
  });

  it("escape cells and column names, which are text", async () => {
    tables.set("evals/m2", parseTableFile({ path: "runs/evals/m2/tables/preds.jsonl", text: '{"id": 1, "<b>x</b>": "</script><script>alert(1)</script>"}\n' }).table!);
    const m2 = runs.find((r) => r.id === "evals/m2")!;
    const saved = m2.tables;
    m2.tables = [tableInfo(tables.get("evals/m2")!)];
    const out = await compile(["```table", 'runs: id = "evals/m2"', "key: preds", "```"].join("\n"));
    m2.tables = saved;
    expect(out.html).not.toContain("<script>alert");
    expect(out.html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(out.html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
