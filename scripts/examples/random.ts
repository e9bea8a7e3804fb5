/**
 * The example generator's randomness: a mulberry32 stream (the core's) seeded from a string key
 * by FNV-1a, with the draws the simulations need (normal by Box–Muller, ranges, log-normal, hex).
 * The same key gives the same numbers on every machine.
 */
import { mulberry32 } from "../../src/core/stats/random.ts";

/** FNV-1a, 32 bit: turns a run id into a PRNG seed. */
export function hashString(str: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** In [0, 1). */
  uniform: () => number;
  /** Standard normal. */
  normal: () => number;
  range: (lo: number, hi: number) => number;
  /** An integer in [lo, hi]. */
  int: (lo: number, hi: number) => number;
  logNormal: (mu: number, sigma: number) => number;
  /** `n` random hex digits. */
  hex: (n: number) => string;
}

export function makeRng(key: string): Rng {
  const uniform = mulberry32(hashString(key));
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return {
    uniform,
    normal,
    range: (lo: number, hi: number) => lo + (hi - lo) * uniform(),
    int: (lo: number, hi: number) => lo + Math.floor((hi - lo + 1) * uniform()),
    logNormal: (mu: number, sigma: number) => Math.exp(mu + sigma * normal()),
    hex: (n: number) => {
      let s = "";
      for (let i = 0; i < n; i++) s += Math.floor(uniform() * 16).toString(16);
      return s;
    },
  };
}
