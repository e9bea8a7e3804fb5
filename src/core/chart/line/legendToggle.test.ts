import { describe, expect, it } from "vitest";
import { legendToggle } from "./legendToggle.ts";

const after = (hidden: number[], members: number[], toggle: boolean, count = 4) => {
  const set = new Set(hidden);
  legendToggle(set, members, count, toggle);
  return [...set].sort();
};

describe("legendToggle(hidden, members, count, toggle)", () => {
  it("click shows only the entry's series, and everything again when they already are the only ones", () => {
    expect(after([], [1], false)).toEqual([0, 2, 3]);
    expect(after([0, 2, 3], [1], false)).toEqual([]);
    // a metric entry stands for several series
    expect(after([], [0, 2], false)).toEqual([1, 3]);
    expect(after([3], [0, 2], false)).toEqual([1, 3]);
  });

  it("shift-click hides the entry's series, or shows them all when all were hidden", () => {
    expect(after([], [1, 2], true)).toEqual([1, 2]);
    expect(after([1, 2], [1, 2], true)).toEqual([]);
    expect(after([1], [1, 2], true)).toEqual([1, 2]);
  });
});
