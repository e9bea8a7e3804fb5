import v8 from "node:v8";

/**
 * How far V8 lets the heap grow past what the last full collection kept, in `astro build`: 100%,
 * twice what is live. V8 chooses the factor from how fast it collects against how fast the
 * program allocates, up to 4×. A build promotes most of what it allocates (each page's strings
 * and Astro's objects for it), so on a busy machine, where collecting is slower, V8 let a
 * 10,000-run build's heap reach 1.1 GB over 0.25 GB live (1.7–1.8 GB resident); with the factor
 * at 2 the same build peaked at 1.1–1.3 GB in the same time (docs/performance.md, "Heap growth:
 * twice what is live").
 */
export const BUILD_HEAP_GROWING_PERCENT = 100;

const FLAG = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * The `--heap-growing-percent` a build sets, or null to leave V8's own choice: none when node was
 * started with the flag (the user chose), `RUNFOLIO_HEAP_GROWING_PERCENT` when set (0: V8's own).
 */
export function buildHeapGrowingPercent(env: Record<string, string | undefined>, execArgv: readonly string[]): number | null {
  if (execArgv.some((arg) => FLAG.test(arg))) return null;
  const value = env.RUNFOLIO_HEAP_GROWING_PERCENT;
  if (value === undefined || value.trim() === "") return BUILD_HEAP_GROWING_PERCENT;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) > 1000) {
    throw new Error(`RUNFOLIO_HEAP_GROWING_PERCENT must be a whole number from 0 (V8's own choice) to 1000, not ${JSON.stringify(value)}`);
  }
  const percent = Number(value);
  return percent === 0 ? null : percent;
}

/** Sets V8's heap growing factor for the rest of this process: V8 reads it after each full collection. */
export function setHeapGrowingPercent(percent: number): void {
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
