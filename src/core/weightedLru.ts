/**
 * A map that keeps its most recently used entries while their total weight (bytes, cells) stays
 * within a budget: the least recently used go first, but never the newest (an entry heavier than
 * the budget stays until the next is set). Parsed histories, tables and plot data are kept in
 * these, so a build's memory does not grow with the runs it reads.
 */
export class WeightedLru<K, V> {
  private readonly entries = new Map<K, { value: V; weight: number }>();
  private total = 0;
  private readonly budget: number;
  private readonly weightOf: (value: V) => number;

  constructor(budget: number, weightOf: (value: V) => number) {
    this.budget = budget;
    this.weightOf = weightOf;
  }

  /** The value under `key` (now the most recently used), or undefined. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Sets `key` (replacing what it held, and its weight), then drops the least recently used past the budget. */
  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weightOf(value);
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.budget || this.entries.size === 1) break;
      this.entries.delete(oldest);
      this.total -= entry.weight;
    }
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.weight;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** The total weight held. */
  get weight(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}
