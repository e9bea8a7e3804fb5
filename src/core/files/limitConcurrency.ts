/**
 * A gate that lets at most `limit` of the tasks given to it run at once, in the order given: the
 * loaders read thousands of files, and opening them all at once runs out of file handles (EMFILE).
 * Only leaf work goes through the gate; a task that waits for other gated tasks could deadlock it.
 */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds `limit`.
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

/** `Promise.all(items.map(fn))` with at most `limit` calls of `fn` pending at once; results keep the order of `items`. */
export function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const gate = limitConcurrency(limit);
  return Promise.all(items.map((item, i) => gate(() => fn(item, i))));
}
