/**
 * The explorer's runs from `/data/explorer.json`. Parsed in a module worker
 * (explorerIndexWorker.ts) so the page's main thread stays free for input; where a worker cannot
 * start (an old browser, a policy that forbids it) the page fetches and expands the index itself,
 * in separate tasks.
 */
import { runsOfExplorerIndex, type ExplorerIndex } from "../core/explore/explorerIndex.ts";
import type { Run } from "../core/run.ts";
import type { ExplorerIndexMessage } from "./explorerIndexMessages.ts";

export interface ExplorerData {
  runs: Run[];
  defaultColumns: string[];
  columns: { group: "run" | "config" | "summary"; key: string }[];
}

export async function loadExplorerIndex(url: string): Promise<ExplorerData> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./explorerIndexWorker.ts", import.meta.url), { type: "module" });
  } catch {
    return loadOnMainThread(url);
  }
  return new Promise<ExplorerData>((resolve, reject) => {
    let data: ExplorerData | null = null;
    const finish = (fn: () => void) => {
      worker.terminate();
      fn();
    };
    worker.addEventListener("message", (event: MessageEvent<ExplorerIndexMessage>) => {
      const message = event.data;
      if (message.kind === "columns") data = { runs: [], defaultColumns: message.defaultColumns, columns: message.columns };
      else if (message.kind === "runs") data?.runs.push(...message.runs);
      else if (message.kind === "done") finish(() => (data ? resolve(data) : reject(new Error("the index worker sent no columns"))));
      else finish(() => reject(new Error(message.message)));
    });
    // The worker's script failed to load or run (blocked, or a syntax the browser lacks): do it here.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      finish(() => loadOnMainThread(url).then(resolve, reject));
    });
    worker.postMessage({ url: new URL(url, location.href).href });
  });
}

async function loadOnMainThread(url: string): Promise<ExplorerData> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const index = (await response.json()) as ExplorerIndex;
  // Expanding and drawing are separate tasks, so neither holds the main thread for both.
  await nextTask();
  const data = { runs: runsOfExplorerIndex(index), defaultColumns: index.defaultColumns, columns: index.columns };
  await nextTask();
  return data;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
