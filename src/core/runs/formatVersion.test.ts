import { describe, expect, it } from "vitest";
import { parseRunFile } from "./parseRunFolder.ts";

const parse = (text: string) => parseRunFile("p/a", { path: "runs/p/a.json", text });
const shown = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}`);

describe("format_version in a run file", () => {
  it("is optional, and the current version (1) reads like no version at all", () => {
    expect(parse('{"format_version": 1, "config": {"lr": 0.1}}')).toEqual(parse('{"config": {"lr": 0.1}}'));
    expect(parse('{"format_version": 1}').diagnostics).toEqual([]);
  });

  it("reads a file written for a newer format with a warning at the version", () => {
    expect(shown('{\n  "format_version": 2,\n  "config": {"lr": 0.1}\n}')).toEqual([
      "2:21 warning RUN060: written for run format 2; this runfolio reads format 1 and reads the file as that",
    ]);
    expect(parse('{"format_version": 2, "config": {"lr": 0.1}}').run?.config).toEqual({ lr: 0.1 });
  });

  it("refuses a version that is not a whole number from 1 on, naming what it found, and leaves the run out", () => {
    expect(shown('{"format_version": "1"}')).toEqual(['1:20 error RUN061: expected `format_version` to be a whole number from 1 on, found the string "1"']);
    for (const bad of ["0", "1.5", "-1", "null", "[1]"]) {
      const r = parse(`{"format_version": ${bad}}`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(["RUN061"]);
      expect(r.run).toBeNull();
    }
  });
});
