/**
 * One gate for every file the data loaders open, shared by the whole process: the walk of runs/,
 * the content loader's digests, `loadAllRuns` and the `readHistory` calls of many pages rendered at
 * once. Each gated task holds at most one file handle, so no number of runs can run out of handles
 * however many callers ask at once. When the process is short of handles anyway (the dev server's
 * watchers, other libraries), EMFILE and ENFILE are waited out and the task is tried again instead
 * of the file being reported as unreadable. Node-only.
 */
import { open } from "node:fs/promises";
import { limitConcurrency } from "./limitConcurrency.ts";

/** Files open at once through the gate: enough to keep a disk busy, far below any open-file limit (256 on macOS). */
export const OPEN_FILES_LIMIT = 48;

/** How long a task may keep meeting EMFILE/ENFILE before the error stands (about a minute in all). */
const RETRY_DELAYS_MS = [5, 10, 20, 50, 100, 200, 500, ...Array<number>(120).fill(500)];

type Gate = <T>(task: () => Promise<T>) => Promise<T>;

// On globalThis so that two copies of this module (Vite SSR and the content layer) share one gate.
const GATE_KEY = Symbol.for("runfolio.files.gate");

function gate(): Gate {
  const g = globalThis as unknown as Record<symbol, Gate | undefined>;
  return (g[GATE_KEY] ??= limitConcurrency(OPEN_FILES_LIMIT));
}

/** True for the errors that say the process or the system has no file handle to spare. */
export function isOutOfHandles(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return code === "EMFILE" || code === "ENFILE";
}

/**
 * Runs `task` (which opens at most one file and closes it before it settles, and may be run again)
 * under the process-wide gate, retrying it while it fails for want of file handles. Only leaf work
 * goes through the gate: a task that waits for other gated tasks could deadlock it.
 */
export async function withFileHandle<T>(task: () => Promise<T>): Promise<T> {
  return gate()(async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await task();
      } catch (e) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!isOutOfHandles(e) || delay === undefined) throw e;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  });
}

export interface FileRead {
  bytes: Buffer<ArrayBuffer>;
}

/** A whole file, through the gate (digests that must match a file's identity: fileDigests.ts). */
export function readFileBounded(absolute: string): Promise<FileRead> {
  return withFileHandle(async () => {
    const handle = await open(absolute, "r");
    try {
      return { bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  });
}
