/**
 * Fetches and expands the explorer's two files off the page's main thread: first
 * `/data/explorer.json` (what the default view shows), then `/data/explorer-fields.json` (git,
 * config and the other summary metrics). Posts the runs and then their fields in slices, so each
 * message the page deserializes is a short task.
 */
import { completeRunFields, runFieldsOf, type ExplorerFields } from "../core/explore/explorerFields.ts";
import { explorerFacets, runsOfExplorerIndex, type ExplorerIndex } from "../core/explore/explorerIndex.ts";
import { PAGE_SIZE } from "../core/explore/explorerState.ts";
import type { ExplorerIndexMessage } from "./explorerIndexMessages.ts";

// Each slice is one task on the page (reading the message); 250 runs keep it short on a slow machine.
const SLICE = 250;

const post = (message: ExplorerIndexMessage) => postMessage(message);

addEventListener("message", (event: MessageEvent<{ url: string; fieldsUrl: string }>) => {
  void load(event.data.url, event.data.fieldsUrl);
});

async function load(url: string, fieldsUrl: string): Promise<void> {
  try {
    // Both downloads start at once; the index is read first.
    const fieldsResponse = fetch(fieldsUrl);
    // Not awaited when the index fails first: that is the error to report, not this one.
    fieldsResponse.catch(() => {});
    const index = (await fetchJson(fetch(url))) as ExplorerIndex;
    const runs = runsOfExplorerIndex(index);
    post({ kind: "columns", total: runs.length, defaultColumns: index.defaultColumns, columns: index.columns, early: index.early, ...explorerFacets(runs) });
    // The first page alone first: the page draws it while the rest is still on its way.
    post({ kind: "runs", runs: runs.slice(0, PAGE_SIZE) });
    for (let i = PAGE_SIZE; i < runs.length; i += SLICE) post({ kind: "runs", runs: runs.slice(i, i + SLICE) });
    post({ kind: "indexed" });
    const fields = completeRunFields(runs, runFieldsOf((await fetchJson(fieldsResponse)) as ExplorerFields, runs.length));
    for (let i = 0; i < fields.length; i += SLICE) post({ kind: "fields", start: i, fields: fields.slice(i, i + SLICE) });
    post({ kind: "done" });
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
}

async function fetchJson(pending: Promise<Response>): Promise<unknown> {
  const response = await pending;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}
