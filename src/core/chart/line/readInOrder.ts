/**
 * Runs' histories read in run order with a few reads under way, so that a caller going through
 * thousands of runs holds a handful of histories at a time.
 */
import type { History, Run } from "../../run.ts";

/** Histories read at once. */
export const READ_AHEAD = 8;

/**
 * The histories of runs `ks` (indices into `req.runs`), yielded in that order with up to
 * `READ_AHEAD` reads under way. The first failure in that order is thrown when its turn comes;
 * the reads already started then settle unobserved.
 */
export async function* readInOrder(
  req: { runs: readonly Run[]; readHistory: (run: Run, metrics?: readonly string[]) => Promise<History> },
  ks: readonly number[],
  columns: readonly string[],
): AsyncGenerator<{ k: number; history: History }> {
  const pending: { k: number; read: Promise<History> }[] = [];
  let next = 0;
  const start = () => {
    const k = ks[next++]!;
    const read = Promise.resolve().then(() => req.readHistory(req.runs[k]!, columns));
    read.catch(() => {});
    pending.push({ k, read });
  };
  while (next < ks.length && pending.length < READ_AHEAD) start();
  while (pending.length) {
    const { k, read } = pending.shift()!;
    const history = await read;
    if (next < ks.length) start();
    yield { k, history };
  }
}
