/**
 * Fetches and expands `/data/explorer.json` off the page's main thread: at 10,000 runs the JSON
 * parse and the expansion into runs are each hundreds of milliseconds that would otherwise block
 * input. Posts the runs in slices, so each message the page deserializes is a short task.
 */
import { runsOfExplorerIndex, type ExplorerIndex } from "../core/explore/explorerIndex.ts";
import type { ExplorerIndexMessage } from "./explorerIndexMessages.ts";

const SLICE = 500;

const post = (message: ExplorerIndexMessage) => postMessage(message);

addEventListener("message", (event: MessageEvent<{ url: string }>) => {
  void load(event.data.url);
});

async function load(url: string): Promise<void> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const index = (await response.json()) as ExplorerIndex;
    const runs = runsOfExplorerIndex(index);
    post({ kind: "columns", total: runs.length, defaultColumns: index.defaultColumns, columns: index.columns });
    for (let i = 0; i < runs.length; i += SLICE) post({ kind: "runs", runs: runs.slice(i, i + SLICE) });
    post({ kind: "done" });
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
}
