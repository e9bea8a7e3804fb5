import { describe, expect, it } from "vitest";
import { formatAge, isStale, liveStatus, STALE_FLOOR_SECONDS, staleAfter, staleFloorFromEnv } from "./liveStatus.ts";

const hist = (step: number[], time: number[] | null) => ({ step: Float64Array.from(step), time: time ? Float64Array.from(time) : null });

describe("liveStatus", () => {
  it("reads the last step, the last row's time and the median gap between rows", () => {
    expect(liveStatus(hist([0, 10, 20, 30, 40], [100, 102, 104, 110, 112]))).toEqual({ lastStep: 40, lastTime: 112, interval: 2 });
  });
  it("skips rows without a time and ignores repeated times", () => {
    expect(liveStatus(hist([0, 1, 2, 3, 4], [100, NaN, 103, 103, 106]))).toEqual({ lastStep: 4, lastTime: 106, interval: 3 });
  });
  it("has no time and no interval when the run logs no wall time or only one timed row", () => {
    expect(liveStatus(hist([0, 5], null))).toEqual({ lastStep: 5, lastTime: null, interval: null });
    expect(liveStatus(hist([7], [50]))).toEqual({ lastStep: 7, lastTime: 50, interval: null });
    expect(liveStatus(hist([], []))).toEqual({ lastStep: null, lastTime: null, interval: null });
  });
  it("judges the pace from recent rows, not from a slow start", () => {
    const step = Array.from({ length: 200 }, (_, i) => i);
    const time = step.map((i) => (i < 100 ? i * 60 : 6000 + (i - 100) * 0.5));
    expect(liveStatus(hist(step, time)).interval).toBe(0.5);
  });
});

describe("stale rule", () => {
  it("allows ten logging intervals of silence, never less than the floor", () => {
    expect(staleAfter(60)).toBe(600);
    expect(staleAfter(1)).toBe(STALE_FLOOR_SECONDS);
    expect(staleAfter(null)).toBe(STALE_FLOOR_SECONDS);
    expect(staleAfter(0.3, 8)).toBe(8);
    expect(staleAfter(2, 8)).toBe(20);
  });
  it("marks only running runs whose last row is older than the allowance", () => {
    expect(isStale("running", 1000, 120, 1121)).toBe(true);
    expect(isStale("running", 1000, 120, 1120)).toBe(false);
    expect(isStale("finished", 1000, 120, 99999)).toBe(false);
    expect(isStale("crashed", 1000, 120, 99999)).toBe(false);
    expect(isStale("running", null, 120, 99999)).toBe(false);
  });
  it("reads the floor from RUNFOLIO_STALE_FLOOR and refuses what is not a positive number", () => {
    expect(staleFloorFromEnv(undefined)).toBe(STALE_FLOOR_SECONDS);
    expect(staleFloorFromEnv("")).toBe(STALE_FLOOR_SECONDS);
    expect(staleFloorFromEnv("8")).toBe(8);
    expect(staleFloorFromEnv("2.5")).toBe(2.5);
    for (const bad of ["0", "-3", "soon", "Infinity", "NaN"]) expect(() => staleFloorFromEnv(bad)).toThrow(/RUNFOLIO_STALE_FLOOR/);
  });
});

describe("formatAge", () => {
  it("says seconds, minutes, hours and days", () => {
    expect([formatAge(-2), formatAge(42.9), formatAge(60), formatAge(3599), formatAge(3600), formatAge(3600 + 600), formatAge(49 * 3600), formatAge(48 * 3600)]).toEqual([
      "0 s",
      "42 s",
      "1 min",
      "59 min",
      "1 h",
      "1 h 10 min",
      "2 d 1 h",
      "2 d",
    ]);
  });
});
