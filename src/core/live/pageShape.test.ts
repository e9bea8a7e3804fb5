import { describe, expect, it } from "vitest";
import { sameShape } from "./pageShape.ts";

const shape = (parts: string[], charts: string[]) => ({ parts, charts });

describe("sameShape", () => {
  it("swaps in place when the parts and charts are the same, in order", () => {
    expect(sameShape(shape(["title", "status"], ["metric-1", "metric-2"]), shape(["title", "status"], ["metric-1", "metric-2"]))).toBe(true);
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
});
