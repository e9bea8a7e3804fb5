import { describe, expect, it } from "vitest";
import { classifyRunFiles } from "./classifyRunFiles.ts";
import { parseHistogramFile } from "./parseHistogramFile.ts";
import { parseRunFolder } from "./parseRunFolder.ts";
import { parseSystemFile } from "./parseSystemFile.ts";

const hist = (text: string, path = "runs/p/r/histograms/weights/fc1.jsonl") => parseHistogramFile({ path, text });
const sys = (text: string) => parseSystemFile({ path: "runs/p/r/system.jsonl", text });
const brief = (ds: readonly { line: number; column: number; severity: string; code: string; message: string }[]) => ds.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);

describe("parseHistogramFile", () => {
  it("reads one histogram per line, sorted by step, keyed by its path under histograms/", () => {
    const r = hist('{"step": 10, "edges": [0, 1, 2], "counts": [1.5, 0]}\n\n{"step": 2, "edges": [-1, 0.5], "counts": [4]}\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.series).toEqual({ key: "weights/fc1", steps: [2, 10], edges: [[-1, 0.5], [0, 1, 2]], counts: [[4], [1.5, 0]] });
  });

  it("reports each problem at its line and column, and yields nothing for a file with an error", () => {
    const text = [
      '{"step": 0, "edges": [0, 1, 1], "counts": [1, 2]}',
      '{"step": 1, "edges": [0, 1, 2], "counts": [1, -2]}',
      '{"step": 2, "edges": [0, 1], "counts": [1, 2]}',
      '{"step": 2, "edges": [0, 1], "counts": [3]}',
      '{"step": 1.5, "edges": [0, NaN], "counts": []}',
      '{"edges": "x", "counts": [1], "bins": 3}',
      "[1]",
      "{oops",
    ].join("\n");
    const r = hist(text);
    expect(r.series).toBeNull();
    expect(brief(r.diagnostics)).toEqual([
      "1:29 error RUN100 expected `edges` to increase strictly, but `edges[2]` is 1 after 1",
      "2:47 error RUN102 expected a count from 0 on for `counts[1]`, found -2",
      "3:22 error RUN101 `edges` has 2 values but `counts` has 2: a histogram has one more edge than counts",
      "4:10 error RUN103 step 2 has a histogram already, on line 3",
      "5:10 error RUN004 expected a whole number from 0 on for `step`, found the number 1.5",
      "5:28 error RUN104 expected a finite number for `edges[1]`, found the number NaN",
      "5:44 error RUN105 expected at least one bin, found `counts: []`",
      "6:31 warning RUN003 unknown key \"bins\" (it is ignored)",
      "6:1 error RUN004 expected a whole number from 0 on for `step`, found nothing",
      "6:11 error RUN004 expected a list of numbers (the bin edges) for `edges`, found the string \"x\"",
      "7:1 error RUN020 expected line 7 to be a JSON object, found a list",
      "8:2 error RUN001 invalid JSON: " + r.diagnostics[r.diagnostics.length - 1]!.message.slice("invalid JSON: ".length),
    ]);
  });

  it("warns about a file without histograms", () => {
    expect(brief(hist("\n\n").diagnostics)).toEqual(["1:1 warning RUN106 the file holds no histograms"]);
  });
});

describe("parseSystemFile", () => {
  it("reads samples into columns sorted by time; null and absent fields are gaps", () => {
    const r = sys('{"time": 100, "cpu.percent": 10, "gpu.0.utilization": 90}\n{"time": 102, "cpu.percent": null}\n{"time": 101, "cpu.percent": 30, "gpu.0.utilization": 80}\n');
    expect(brief(r.diagnostics)).toEqual(["3:10 warning RUN109 `time` 101 is earlier than the sample before it (102): samples are drawn in time order"]);
    expect([...r.samples!.time]).toEqual([100, 101, 102]);
    expect(Object.keys(r.samples!.metrics)).toEqual(["cpu.percent", "gpu.0.utilization"]);
    expect([...r.samples!.metrics["cpu.percent"]!]).toEqual([10, 30, NaN]);
    expect([...r.samples!.metrics["gpu.0.utilization"]!]).toEqual([90, 80, NaN]);
  });

  it("reports a missing or bad time, a value that is not a number, empty names, repeated times and NaN", () => {
    const r = sys('{"cpu.percent": 1}\n{"time": "now"}\n{"time": 5, "gpu.0.name": "A100", "": 1}\n{"time": 5, "cpu.percent": NaN}\n');
    expect(r.samples).toBeNull();
    expect(brief(r.diagnostics)).toEqual([
      "1:1 error RUN107 expected `time` to be unix seconds (a finite number from 0 on), found nothing",
      "2:10 error RUN107 expected `time` to be unix seconds (a finite number from 0 on), found the string \"now\"",
      "3:27 error RUN108 expected a number or null for `gpu.0.name`, found the string \"A100\"",
      "3:35 warning RUN110 a metric on line 3 has an empty name (it is ignored)",
      "4:10 warning RUN111 a sample at time 5 is on line 3 already (both are kept)",
      "4:28 warning RUN112 `cpu.percent` is NaN or infinite: it is drawn as a gap",
    ]);
  });
});

describe("run folders with histograms and system metrics", () => {
  it("groups the files with their run and keeps only an index on the run", () => {
    const files = ["runs/p/r/run.json", "runs/p/r/histograms/w/a.jsonl", "runs/p/r/system.jsonl", "runs/p/r/histograms/b.jsonl"];
    const { sources, diagnostics } = classifyRunFiles(files);
    expect(diagnostics).toEqual([]);
    expect(sources).toEqual([{ format: "folder", id: "p/r", files: ["runs/p/r/run.json", "runs/p/r/histograms/b.jsonl", "runs/p/r/histograms/w/a.jsonl", "runs/p/r/system.jsonl"] }]);
    const texts = {
      "runs/p/r/run.json": '{"summary": {"acc": 1}}',
      "runs/p/r/histograms/b.jsonl": '{"step": 1, "edges": [0, 1], "counts": [2]}\n{"step": 2, "edges": [0, 1], "counts": [2]}',
      "runs/p/r/histograms/w/a.jsonl": '{"step": 1, "edges": [0, 1], "counts": [-2]}',
      "runs/p/r/system.jsonl": '{"time": 1, "memory.percent": 3, "cpu.percent": 2}',
    } as Record<string, string>;
    const parsed = parseRunFolder("p/r", sources[0]!.files.map((path) => ({ path, text: texts[path]! })));
    expect(parsed.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(["runs/p/r/histograms/w/a.jsonl RUN102"]);
    expect(parsed.run!.histograms).toEqual([{ key: "b", file: "runs/p/r/histograms/b.jsonl", steps: 2 }]);
    expect(parsed.run!.system).toEqual({ file: "runs/p/r/system.jsonl", metrics: ["cpu.percent", "memory.percent"], samples: 1 });
  });
});
