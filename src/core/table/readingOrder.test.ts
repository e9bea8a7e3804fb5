import { describe, expect, it } from "vitest";
import { columnRole, readingOrder } from "./readingOrder.ts";

describe("readingOrder(roles, sorted)", () => {
  it("puts the name, then the sorted column, then results, then settings, each as written", () => {
    // name, group, arch, val acc, best acc, val/loss (sorted), sparkline
    const roles = (["name", "setting", "setting", "result", "result", "result", "result"] as const).slice();
    expect(readingOrder(roles, 5)).toEqual([0, 5, 3, 4, 6, 1, 2]);
  });

  it("moves a sorted setting ahead of the results, and leaves a table sorted by name as written otherwise", () => {
    expect(readingOrder(["setting", "name", "result", "setting"], 3)).toEqual([1, 3, 2, 0]);
    expect(readingOrder(["name", "setting", "result"], 0)).toEqual([0, 2, 1]);
    expect(readingOrder(["name", "result", "setting"], -1)).toEqual([0, 1, 2]);
  });

  it("classifies columns by field", () => {
    expect(columnRole({ kind: "field", key: "name" })).toBe("name");
    expect(columnRole({ kind: "field", key: "id" })).toBe("name");
    expect(columnRole({ kind: "field", key: "summary.val/loss" })).toBe("result");
    expect(columnRole({ kind: "sparkline", key: "val/acc" })).toBe("result");
    expect(columnRole({ kind: "field", key: "config.lr" })).toBe("setting");
    expect(columnRole({ kind: "field", key: "group" })).toBe("setting");
  });
});
