import { describe, expect, it } from "vitest";
import { sameShape } from "./pageShape.ts";

const shape = (parts: string[], charts: string[], tables: string[] = [], facts = 0) => ({ parts, charts, tables, facts });

describe("sameShape", () => {
  it("swaps in place when the parts, charts, tables and facts are the same, in order", () => {
    expect(sameShape(shape(["title", "status"], ["metric-1", "metric-2"]), shape(["title", "status"], ["metric-1", "metric-2"]))).toBe(true);
    expect(sameShape(shape([], ["chart-1"], ["table-2"], 3), shape([], ["chart-1"], ["table-2"], 3))).toBe(true);
  });
  it("reloads when a chart comes, goes or moves", () => {
    expect(sameShape(shape(["title"], ["metric-1"]), shape(["title"], ["metric-1", "metric-2"]))).toBe(false);
    expect(sameShape(shape(["title"], ["metric-1", "metric-2"]), shape(["title"], ["metric-1"]))).toBe(false);
    expect(sameShape(shape(["title"], ["metric-1", "metric-2"]), shape(["title"], ["metric-2", "metric-1"]))).toBe(false);
  });
  it("reloads when a part comes or goes, or chart ids repeat", () => {
    expect(sameShape(shape(["title", "status"], []), shape(["title"], []))).toBe(false);
    expect(sameShape(shape(["title"], ["a", "a"]), shape(["title"], ["a", "a"]))).toBe(false);
  });
  it("reloads when a runs table comes, goes or repeats, or a cited value or claim list comes or goes", () => {
    expect(sameShape(shape([], ["chart-1"], ["table-2"]), shape([], ["chart-1"], []))).toBe(false);
    expect(sameShape(shape([], [], ["table-2", "table-3"]), shape([], [], ["table-3", "table-2"]))).toBe(false);
    expect(sameShape(shape([], [], ["t", "t"]), shape([], [], ["t", "t"]))).toBe(false);
    expect(sameShape(shape([], ["chart-1"], [], 2), shape([], ["chart-1"], [], 3))).toBe(false);
  });
});
