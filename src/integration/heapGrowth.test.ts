import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BUILD_HEAP_GROWING_PERCENT, buildHeapGrowingPercent } from "./heapGrowth.ts";

describe("buildHeapGrowingPercent", () => {
  it("is 100 unless told otherwise", () => {
    expect(BUILD_HEAP_GROWING_PERCENT).toBe(100);
    expect(buildHeapGrowingPercent({}, [])).toBe(100);
    expect(buildHeapGrowingPercent({ RUNFOLIO_HEAP_GROWING_PERCENT: " " }, ["--enable-source-maps"])).toBe(100);
  });

  it("takes RUNFOLIO_HEAP_GROWING_PERCENT, 0 meaning V8's own choice", () => {
    expect(buildHeapGrowingPercent({ RUNFOLIO_HEAP_GROWING_PERCENT: "50" }, [])).toBe(50);
    expect(buildHeapGrowingPercent({ RUNFOLIO_HEAP_GROWING_PERCENT: "0" }, [])).toBeNull();
  });

  it("leaves a flag node was started with alone", () => {
    expect(buildHeapGrowingPercent({}, ["--heap-growing-percent=300"])).toBeNull();
    expect(buildHeapGrowingPercent({ RUNFOLIO_HEAP_GROWING_PERCENT: "50" }, ["--heap_growing_percent", "300"])).toBeNull();
    expect(buildHeapGrowingPercent({}, ["--heap-growing-percentage-of-nothing"])).toBe(100);
  });

  it.each(["half", "-5", "1.5", "2000", "50%"])("rejects %j, naming the variable and the value", (value) => {
    expect(() => buildHeapGrowingPercent({ RUNFOLIO_HEAP_GROWING_PERCENT: value }, [])).toThrow(
      `RUNFOLIO_HEAP_GROWING_PERCENT must be a whole number from 0 (V8's own choice) to 1000, not ${JSON.stringify(value)}`,
    );
  });
});

/**
 * A process that keeps ~60 MB live and makes garbage that lives long enough to be promoted (as a
 * build's page strings are), after setHeapGrowingPercent(percent); prints the largest heap it saw.
 * The factor is fixed by the flag, so the sizes do not depend on the machine's speed.
 */
function peakHeapMb(percent: number): number {
  const script = `
    import { setHeapGrowingPercent } from ${JSON.stringify(new URL("./heapGrowth.ts", import.meta.url).href)};
    import v8 from "node:v8";
    setHeapGrowingPercent(${percent});
    const live = []; for (let i = 0; i < 400_000; i++) live.push({ i, s: "live-" + i, a: [i, i + 1] });
    const ring = new Array(200_000); let max = 0;
    for (let i = 0; i < 6_000_000; i++) {
      ring[i % ring.length] = { i, s: "g" + i, a: [i] };
      if (i % 50_000 === 0) max = Math.max(max, v8.getHeapStatistics().total_heap_size);
    }
    console.log(Math.round(max / 1048576), live.length);`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  const [mb, kept] = child.stdout.trim().split(" ").map(Number);
  expect(kept).toBe(400_000);
  return mb!;
}

describe("setHeapGrowingPercent", () => {
  it("bounds how far the heap grows past what is live", () => {
    const tight = peakHeapMb(10);
    const loose = peakHeapMb(300);
    // Measured here: 293–296 MB against 548–550 MB.
    expect(tight).toBeLessThan(loose * 0.75);
  }, 60_000); // two new Node processes
});
