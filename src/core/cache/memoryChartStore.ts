import { WeightedLru } from "../weightedLru.ts";
import type { ChartStore } from "./chartMemo.ts";
import { inputsKey } from "./diskCache.ts";
import type { SectionInput } from "./sectionedEntry.ts";
import type { SectionPick } from "./sectionedRead.ts";

/** The dev server's charts in memory: 64 MB of the most recently used entries. */
const BUDGET_BYTES = 64 * 1024 * 1024;

type Stored = { bytes: Buffer<ArrayBuffer> } | { meta: string; sections: Buffer[] };

/**
 * Chart entries kept in memory, for the dev server, which has no build cache: a report edited
 * there draws again only the charts whose inputs or runs' history files changed (at 10,000 runs,
 * five grouped charts took 2.5 s of each edit), and a run edited redraws only its group's line.
 *
 * Keys hold no code version: whoever holds a store must drop it when the chart code changes
 * (src/site/reports.ts keeps it in a module that the dev server evaluates again when any of it
 * does). Entries are copies; what `get` gives back is the store's own bytes, to be read only.
 */
export class MemoryChartStore implements ChartStore {
  private readonly entries: WeightedLru<string, Stored>;

  constructor(budgetBytes = BUDGET_BYTES) {
    this.entries = new WeightedLru(budgetBytes, (stored) => ("bytes" in stored ? stored.bytes.length : stored.meta.length * 2 + stored.sections.reduce((sum, s) => sum + s.length, 0)));
  }

  keyOf(kind: string, inputs: readonly string[]): string {
    return inputsKey(kind, inputs);
  }

  get(kind: string, key: string): Promise<Buffer<ArrayBuffer> | null> {
    const stored = this.entries.get(`${kind}/${key}`);
    return Promise.resolve(stored && "bytes" in stored ? stored.bytes : null);
  }

  set(kind: string, key: string, payload: Uint8Array | readonly Uint8Array[]): Promise<void> {
    this.entries.set(`${kind}/${key}`, { bytes: joined(payload instanceof Uint8Array ? [payload] : payload) });
    return Promise.resolve();
  }

  /** Nothing to keep: entries go only when the budget needs the room. */
  keep(): void {}

  getSections(kind: string, key: string, pick: SectionPick): Promise<{ meta: string; sections: Map<number, Buffer> } | null> {
    const stored = this.entries.get(`${kind}/${key}`);
    if (!stored || !("meta" in stored)) return Promise.resolve(null);
    const picked = pick(stored.meta);
    const indices = picked === "all" ? stored.sections.keys() : picked.filter((i) => i >= 0 && i < stored.sections.length);
    return Promise.resolve({ meta: stored.meta, sections: new Map([...indices].map((i) => [i, stored.sections[i]!])) });
  }

  setSections(kind: string, key: string, meta: string, sections: readonly SectionInput[]): Promise<void> {
    this.entries.set(`${kind}/${key}`, { meta, sections: sections.map((s) => joined(s instanceof Uint8Array ? [s] : s)) });
    return Promise.resolve();
  }
}

/**
 * The pieces' bytes in one new buffer of its own, at offset 0 (`Buffer.alloc` never hands out a
 * slice of the shared pool), so a `Float64Array` can view it as a cache entry's section.
 */
function joined(pieces: readonly Uint8Array[]): Buffer<ArrayBuffer> {
  const out = Buffer.alloc(pieces.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
