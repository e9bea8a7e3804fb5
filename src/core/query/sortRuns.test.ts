import { describe, expect, it } from "vitest";
import type { FieldPath } from "./ast.ts";
import { compareText as compareCodePoints } from "../format/compareText.ts";
import { parseFieldPath } from "./fieldPath.ts";
import { sortRuns } from "./sortRuns.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";

function path(source: string): FieldPath {
  const result = parseFieldPath(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.path;
}

const runs = [
  makeRun("p/d", { config: { lr: 10 }, summary: { loss: 0.5 }, name: "b" }),
  makeRun("p/a", { config: { lr: 2 }, summary: { loss: null }, name: "B" }),
  makeRun("p/c", { config: {}, summary: { loss: 0.1 }, name: "é" }),
  makeRun("p/b", { config: { lr: 2 }, summary: { loss: 0.9 }, name: "a" }),
  makeRun("p/e", { config: { lr: 10 }, summary: { loss: Number.NaN }, name: "😀" }),
];

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

describe("sortRuns(runs, keys)", () => {
  it("sorts numbers numerically (10 after 2), ties by run id", () => {
    expect(ids(sortRuns(runs, [{ path: path("config.lr"), descending: false }]))).toEqual(["p/a", "p/b", "p/d", "p/e", "p/c"]);
  });

  it("keeps missing, null and NaN last when descending", () => {
    expect(ids(sortRuns(runs, [{ path: path("summary.loss"), descending: true }]))).toEqual(["p/b", "p/d", "p/c", "p/a", "p/e"]);
    expect(ids(sortRuns(runs, [{ path: path("summary.loss"), descending: false }]))).toEqual(["p/c", "p/d", "p/b", "p/a", "p/e"]);
  });

  it("applies later keys to ties of earlier ones", () => {
    const keys = [
      { path: path("config.lr"), descending: true },
      { path: path("summary.loss"), descending: true },
    ];
    expect(ids(sortRuns(runs, keys))).toEqual(["p/d", "p/e", "p/b", "p/a", "p/c"]);
  });

  it("orders strings by code point, not locale", () => {
    expect(sortRuns(runs, [{ path: path("name"), descending: false }]).map((r) => r.name)).toEqual(["B", "a", "b", "é", "😀"]);
  });

  it("compares astral characters after U+FFxx, as code points do", () => {
    expect(compareCodePoints("\uFF01", "😀")).toBe(-1);
    expect(compareCodePoints("abc", "ab")).toBe(1);
    expect(compareCodePoints("ab", "ab")).toBe(0);
  });

  it("orders booleans false before true and mixed types numbers, strings, booleans", () => {
    const mixed = [
      makeRun("m/1", { config: { x: true } }),
      makeRun("m/2", { config: { x: "z" } }),
      makeRun("m/3", { config: { x: false } }),
      makeRun("m/4", { config: { x: 5 } }),
    ];
    expect(ids(sortRuns(mixed, [{ path: path("config.x"), descending: false }]))).toEqual(["m/4", "m/2", "m/3", "m/1"]);
  });

  it("falls back to run id with no keys and leaves the input untouched", () => {
    const before = ids(runs);
    expect(ids(sortRuns(runs, []))).toEqual(["p/a", "p/b", "p/c", "p/d", "p/e"]);
    expect(ids(runs)).toEqual(before);
  });
});
