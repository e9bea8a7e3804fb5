import { describe, expect, it } from "vitest";
import { RUN_STATES } from "../run.ts";
import { runMessages } from "./messages.ts";
import { parseHistoryCsv } from "./parseHistoryCsv.ts";
import { parseHistoryJsonl } from "./parseHistoryJsonl.ts";
import { parseRunFile, parseRunFolder } from "./parseRunFolder.ts";
import { parseRunsTable } from "./parseRunsTable.ts";

const arr = (a: Float64Array | null | undefined): number[] => Array.from(a ?? []);
const codes = (ds: { code: string; severity: string }[]): string[] => ds.map((d) => `${d.severity} ${d.code}`);

describe("parseRunFile(id, file)", () => {
  it("applies defaults for a bare object", () => {
    const { run, diagnostics } = parseRunFile("nanogpt/a", { path: "runs/nanogpt/a.json", text: "{}" });
    expect(diagnostics).toEqual([]);
    expect(run).toEqual({
      id: "nanogpt/a",
      project: "nanogpt",
      name: "a",
      group: null,
      tags: [],
      state: "finished",
      created: null,
      duration: null,
      notes: null,
      git: null,
      config: {},
      summary: {},
      metrics: [],
      steps: 0,
      source: { format: "json", files: ["runs/nanogpt/a.json"] },
    });
  });

  it("reads column-form history with gaps; summary = last logged value, overridden by explicit keys", () => {
    const text = JSON.stringify({
      name: "lr 3e-4",
      tags: ["baseline"],
      created: 1700000000,
      config: { optimizer: { lr: 3e-4 } },
      summary: { "val/loss": 1.5, best: { acc: 0.9 } },
      history: { step: [0, 10, 20], time: [1, 2, 3], "train/loss": [2.3, null, "NaN"], "val/loss": [3, 2, 1] },
    });
    const { run, history, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(diagnostics).toEqual([]);
    expect(arr(history!.step)).toEqual([0, 10, 20]);
    expect(arr(history!.time)).toEqual([1, 2, 3]);
    expect(arr(history!.metrics["train/loss"])).toEqual([2.3, NaN, NaN]);
    // train/loss ends in a logged "NaN": a gap (null), not the earlier 2.3
    expect(run!.summary).toEqual({ "best/acc": 0.9, "train/loss": null, "val/loss": 1.5 });
    expect(run!.metrics).toEqual(["train/loss", "val/loss"]);
    expect(run!.created).toBe("2023-11-14T22:13:20.000Z");
    expect(run!.steps).toBe(3);
  });

  it("reads row-form history with sparse keys, _step and _timestamp, bare NaN/Infinity, CRLF and BOM", () => {
    const text = '\ufeff{\r\n"history": [\r\n{"_step": 0, "_timestamp": 5, "loss": NaN},\r\n{"_step": 1, "acc": Infinity},\r\n{"_step": 2, "loss": 0.5}\r\n]}';
    const { run, history, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(diagnostics).toEqual([]);
    expect(arr(history!.step)).toEqual([0, 1, 2]);
    expect(arr(history!.time)).toEqual([5, NaN, NaN]);
    expect(arr(history!.metrics.loss)).toEqual([NaN, NaN, 0.5]);
    expect(arr(history!.metrics.acc)).toEqual([NaN, NaN, NaN]);
    expect(run!.summary).toEqual({ acc: null, loss: 0.5 });
  });

  it("uses the row index as step when rows have no step key", () => {
    const { history } = parseRunFile("p/r", { path: "runs/p/r.json", text: '{"history": [{"a": 1}, {"a": 2}]}' });
    expect(arr(history!.step)).toEqual([0, 1]);
  });

  it("refuses a key written twice, in run.json, config or summary, at the second one", () => {
    for (const [text, line, column, key, first] of [
      ['{\n  "name": "a",\n  "name": "b"\n}', 3, 3, "name", "line 2, column 3"],
      ['{"config": {"seed": 1, "lr": 0.1, "seed": 2}}', 1, 35, "seed", "column 13"],
    ] as const) {
      const { run, diagnostics } = parseRunFile("p/a", { path: "runs/p/a.json", text });
      expect(run).toBeNull();
      expect(diagnostics).toMatchObject([{ line, column, severity: "error", ...runMessages.duplicateKey(`duplicate key "${key}" in one object (first written at ${first}); only one value can be kept`) }]);
    }
  });

  it("warns where a config or summary number cannot be read as written (past 2^53, 1e999), showing both", () => {
    const text = '{"config": {"seed": 12345678901234567890, "max": 9007199254740992, "off": 9007199254740993, "big": 1e999, "e": 1e20, "ids": [1, -18446744073709551615]},\n "summary": {"n": 123456789012345678901234567890, "t": "12345678901234567890", "x": 0.1234567890123456789}}';
    const { run, diagnostics } = parseRunFile("p/a", { path: "runs/p/a.json", text });
    expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.code, d.message, d.hint])).toEqual([
      [1, text.indexOf("12345678901234567890,") + 1, "warning", ...Object.values(runMessages.inexactNumber("config.seed", "12345678901234567890", "12345678901234567000"))],
      [1, text.indexOf("9007199254740993") + 1, "warning", ...Object.values(runMessages.inexactNumber("config.off", "9007199254740993", "9007199254740992"))],
      [1, text.indexOf("1e999") + 1, "warning", ...Object.values(runMessages.inexactNumber("config.big", "1e999", "null"))],
      [1, text.indexOf("-1844") + 1, "warning", ...Object.values(runMessages.inexactNumber("config.ids[1]", "-18446744073709551615", "-18446744073709552000"))],
      [2, text.indexOf("1234567890123456789012345") - text.indexOf("\n"), "warning", ...Object.values(runMessages.inexactNumber("summary.n", "123456789012345678901234567890", "1.2345678901234568e+29"))],
    ]);
    expect(diagnostics[0]!.message).toBe("`config.seed` is 12345678901234567890, more digits than a number holds exactly: it is read as 12345678901234567000");
    expect(run!.config).toMatchObject({ seed: Number("12345678901234567890"), max: 9007199254740992, big: null, e: 1e20 });
    expect(run!.summary).toMatchObject({ t: "12345678901234567890" });
  });

  it("warns when notes cannot be read as markdown (shown as plain text), in run JSON and runs.csv", () => {
    const notes = `${"**".repeat(2_000)}x`;
    const json = parseRunFile("p/a", { path: "runs/p/a.json", text: JSON.stringify({ name: "a", notes }) });
    expect(json.run!.notes).toBe(notes);
    expect(json.diagnostics.map((d) => [d.line, d.column, d.severity, d.code, d.message])).toEqual([[1, 21, "warning", "RUN117", runMessages.notesNotMarkdown().message]]);
    const table = parseRunsTable({ path: "runs/p/runs.csv", text: `id,notes\na,${notes}\n` }, "p");
    expect(table.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[2, 3, "RUN117"]]);
  });

  it("reports a bad state at its position with a did-you-mean from the catalog", () => {
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text: '{\n  "state": "crashd"\n}' });
    expect(run).toBeNull();
    expect(diagnostics).toMatchObject([{ line: 2, column: 12, severity: "error", ...runMessages.badState("crashd", "crashed") }]);
    expect(RUN_STATES).toContain("crashed");
  });

  it("reports unknown keys as warnings and still loads the run", () => {
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text: '{"confg": {}}' });
    expect(run).not.toBeNull();
    expect(diagnostics).toMatchObject([{ line: 1, column: 2, severity: "warning", ...runMessages.unknownKey("confg", "config", []), hint: 'did you mean "config"?' }]);
  });

  it("warns about a metric with no values and about decreasing steps", () => {
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text: '{"history": {"step": [5, 3], "a": [null, null], "b": [1, 2]}}' });
    expect(run).not.toBeNull();
    expect(codes(diagnostics)).toEqual(["warning RUN011", "warning RUN010"]);
  });
});

describe("parseHistoryCsv(file)", () => {
  it("parses a wide CSV with gaps (empty cells, nan, inf), CRLF and BOM", () => {
    const text = "\ufeffepoch,step,train/loss,val/acc,time\r\n0,0,2.5,,100\r\n0,1,nan,0.5,101\r\n1,2,-inf,,\r\n";
    const { history, diagnostics, nonFinite } = parseHistoryCsv({ path: "runs/p/r/history.csv", text });
    expect(diagnostics).toEqual([]);
    expect(nonFinite).toBe(2);
    expect(arr(history!.step)).toEqual([0, 1, 2]);
    expect(arr(history!.time)).toEqual([100, 101, NaN]);
    expect(Object.keys(history!.metrics)).toEqual(["epoch", "train/loss", "val/acc"]);
    expect(arr(history!.metrics["train/loss"])).toEqual([2.5, NaN, NaN]);
    expect(arr(history!.metrics["val/acc"])).toEqual([NaN, 0.5, NaN]);
  });

  it("uses the row index when there is no step column, and quoted numbers are numbers", () => {
    const { history } = parseHistoryCsv({ path: "h.csv", text: '"loss"\n"1.5"\n"2"' });
    expect(arr(history!.step)).toEqual([0, 1]);
    expect(arr(history!.metrics.loss)).toEqual([1.5, 2]);
  });

  it("reports a non-numeric cell with line and column", () => {
    const { history, diagnostics } = parseHistoryCsv({ path: "h.csv", text: "step,loss\n0,1\n1,oops\n" });
    expect(history).toBeNull();
    expect(diagnostics).toMatchObject([{ line: 3, column: 3, ...runMessages.csvNotNumber("loss", "oops") }]);
  });

  it("warns for short rows (gaps) and for a column with no values", () => {
    const { history, diagnostics } = parseHistoryCsv({ path: "h.csv", text: "step,a,b\n0,1\n1,2\n" });
    expect(arr(history!.metrics.b)).toEqual([NaN, NaN]);
    expect(codes(diagnostics)).toEqual(["warning RUN014", "warning RUN014", "warning RUN011"]);
  });
});

describe("parseHistoryJsonl(file)", () => {
  it("reads sparse rows, ignores blank lines", () => {
    const text = '{"step": 0, "loss": 1}\n\n{"step": 1, "acc": "nan"}\r\n{"step": 2, "loss": null}\n';
    const { history, diagnostics } = parseHistoryJsonl({ path: "h.jsonl", text });
    expect(diagnostics).toEqual([]);
    expect(arr(history!.step)).toEqual([0, 1, 2]);
    expect(arr(history!.metrics.loss)).toEqual([1, NaN, NaN]);
  });

  it("reports syntax errors on the JSONL line", () => {
    const { diagnostics } = parseHistoryJsonl({ path: "h.jsonl", text: '{"step": 0}\n{"step": 1,}\n' });
    expect(diagnostics).toMatchObject([{ line: 2, column: 11, code: "RUN001" }]);
  });

  it("refuses a metric logged twice on one line rather than keep one of the two values", () => {
    const { history, diagnostics } = parseHistoryJsonl({ path: "h.jsonl", text: '{"step": 0, "loss": 1}\n{"step": 1, "loss": 0.5, "loss": 0.7}\n' });
    expect(history).toBeNull();
    expect(diagnostics).toMatchObject([{ line: 2, column: 26, severity: "error", ...runMessages.duplicateKey('duplicate key "loss" in one object (first written at column 13); only one value can be kept') }]);
  });
});

describe("parseRunFolder(id, files)", () => {
  it("merges run.json metadata with history.csv", () => {
    const { run } = parseRunFolder("p/r", [
      { path: "runs/p/r/run.json", text: '{"state": "crashed", "summary": {"extra": "yes"}}' },
      { path: "runs/p/r/history.csv", text: "step,loss\n0,2\n1,1\n" },
    ]);
    expect(run).toMatchObject({ id: "p/r", state: "crashed", summary: { extra: "yes", loss: 1 }, steps: 2, metrics: ["loss"] });
    expect(run!.source).toEqual({ format: "folder", files: ["runs/p/r/run.json", "runs/p/r/history.csv"] });
  });

  it("loads a folder with only a history file, with default metadata", () => {
    const { run, diagnostics } = parseRunFolder("p/r", [{ path: "runs/p/r/history.jsonl", text: '{"loss": 1}\n' }]);
    expect(diagnostics).toEqual([]);
    expect(run).toMatchObject({ name: "r", steps: 1 });
  });

  it("rejects two history files", () => {
    const { run, diagnostics } = parseRunFolder("p/r", [
      { path: "runs/p/r/history.csv", text: "step\n0\n" },
      { path: "runs/p/r/history.jsonl", text: "" },
    ]);
    expect(run).toBeNull();
    expect(diagnostics).toMatchObject([{ file: "runs/p/r/history.jsonl", ...runMessages.twoHistoryFiles("runs/p/r/history.csv") }]);
  });
});

describe("summary default: each metric's last logged value", () => {
  // In every format: `diverged` ends in a logged non-finite value → null; `sparse` is not logged
  // in the last row(s) → its last logged value 6; `midnan` has a NaN in the middle → 0.7.
  const expected = { diverged: null, midnan: 0.7, sparse: 6 };

  it("history.csv: empty cells are skipped, nan / inf tokens are logged gaps", () => {
    const text = "step,diverged,sparse,midnan,neg,huge\n0,3,5,1,1,1\n1,2.5,6,nan,2,2\n2,NaN,,0.7,-inf,1e999\n3,,,0.7,,\n";
    const parsed = parseHistoryCsv({ path: "runs/p/r/history.csv", text });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.lastLogged).toEqual({ diverged: NaN, sparse: 6, midnan: 0.7, neg: NaN, huge: NaN });
    expect(arr(parsed.history!.metrics.huge)).toEqual([1, 2, NaN, NaN]);
    const { run } = parseRunFolder("p/r", [{ path: "runs/p/r/history.csv", text }]);
    expect(run!.summary).toEqual({ ...expected, huge: null, neg: null });
  });

  it("history.jsonl: absent keys and null are skipped; bare NaN and \"nan\" strings are logged gaps", () => {
    const text = [
      '{"step": 0, "diverged": 3, "sparse": 5, "midnan": 1, "inf": 1}',
      '{"step": 1, "diverged": 2.5, "sparse": 6, "midnan": NaN, "inf": 2}',
      '{"step": 2, "diverged": "nan", "sparse": null, "midnan": 0.7, "inf": -Infinity}',
      '{"step": 3, "diverged": NaN}',
    ].join("\n");
    const { run, diagnostics } = parseRunFolder("p/r", [{ path: "runs/p/r/history.jsonl", text }]);
    expect(diagnostics).toEqual([]);
    expect(run!.summary).toEqual({ ...expected, inf: null });
  });

  it("run.json column form: null entries are skipped; NaN, \"NaN\" and Infinity are logged gaps", () => {
    const text = `{"history": {
      "step": [0, 1, 2],
      "diverged": [3, 2.5, NaN],
      "sparse": [5, 6, null],
      "midnan": [1, "NaN", 0.7],
      "inf": [1, 2, "Infinity"],
      "never": [null, null, null]
    }}`;
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(codes(diagnostics)).toEqual(["warning RUN011"]);
    expect(run!.summary).toEqual({ ...expected, inf: null, never: null });
  });

  it("run.json row form: absent keys and null are skipped; bare NaN / Infinity are logged gaps", () => {
    const text = `{"history": [
      {"step": 0, "diverged": 3, "sparse": 5, "midnan": 1},
      {"step": 1, "diverged": 2.5, "sparse": 6, "midnan": NaN},
      {"step": 2, "diverged": Infinity, "midnan": 0.7},
      {"step": 3, "sparse": null}
    ]}`;
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(diagnostics).toEqual([]);
    expect(run!.summary).toEqual(expected);
  });

  it("run.json metadata with a history file: explicit summary keys still override the default", () => {
    const { run } = parseRunFolder("p/r", [
      { path: "runs/p/r/run.json", text: '{"summary": {"diverged": 9}}' },
      { path: "runs/p/r/history.csv", text: "step,diverged,sparse\n0,1,2\n1,nan,\n" },
    ]);
    expect(run!.summary).toEqual({ diverged: 9, sparse: 2 });
  });
});

describe("parseRunsTable(file, prefix)", () => {
  it("makes an id from a name in any script, and says so when a name has nothing to make one from", () => {
    const text = "name,config.x\nÜber Café,1\n日本語 run,2\nLR 3e-3 (fast).,3\n!!!,4\n";
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
    expect(runs.map((r) => [r.id, r.name])).toEqual([
      ["p/über-café", "Über Café"],
      ["p/日本語-run", "日本語 run"],
      ["p/lr-3e-3-fast", "LR 3e-3 (fast)."],
    ]);
    expect(diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([[5, 1, "RUN022", runMessages.runsTableNameNoSlug("!!!").message]]);
  });

  it("warns at a config or summary cell whose number cannot be read as written, and keeps 1e999 config text as written", () => {
    const text = "id,config.seed,config.big,summary.n,summary.ok\na,12345678901234567890,1e999,9007199254740993,9007199254740992\n";
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
    expect(diagnostics.map((d) => [d.line, d.column, d.severity, d.message])).toEqual([
      [2, 3, "warning", runMessages.inexactNumber("config.seed", "12345678901234567890", "12345678901234567000").message],
      [2, 30, "warning", runMessages.inexactNumber("summary.n", "9007199254740993", "9007199254740992").message],
    ]);
    expect(runs[0]).toMatchObject({ config: { seed: Number("12345678901234567890"), big: "1e999" }, summary: { n: 9007199254740992, ok: 9007199254740992 } });
  });

  it("builds runs with nested config, typed cells, tags and summary gaps", () => {
    const text = [
      "id,name,group,tags,state,created,duration,config.optimizer.lr,config.optimizer.name,config.amp,summary.val/loss,summary.note",
      "a,Run A,sweep1,baseline;lr|fast,crashed,2024-05-01T12:00:00Z,3600,3e-4,adamw,true,1.25,ok",
      ',Run "B",,,,,,0.001,,False,nan,',
    ].join("\r\n");
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text }, "p");
    expect(diagnostics).toEqual([]);
    expect(runs.map((r) => r.id)).toEqual(["p/a", "p/run-b"]);
    expect(runs[0]).toMatchObject({
      name: "Run A",
      group: "sweep1",
      tags: ["baseline", "lr", "fast"],
      state: "crashed",
      created: "2024-05-01T12:00:00Z",
      duration: 3600,
      config: { optimizer: { lr: 3e-4, name: "adamw" }, amp: true },
      summary: { "val/loss": 1.25, note: "ok" },
      metrics: [],
      steps: 0,
      source: { format: "runs-csv", files: ["runs/p/runs.csv"], line: 2 },
    });
    expect(runs[1]).toMatchObject({ state: "finished", config: { optimizer: { lr: 0.001 }, amp: false }, summary: { "val/loss": null, note: null } });
  });

  it("requires an id or name column", () => {
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text: "group\nx\n" }, "p");
    expect(runs).toEqual([]);
    expect(diagnostics).toMatchObject([{ line: 1, column: 1, ...runMessages.runsTableNoId() }]);
  });
});
