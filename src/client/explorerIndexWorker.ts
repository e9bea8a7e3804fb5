/**
 * Fetches and expands the explorer's files off the page's main thread: first
 * `/data/explorer-head.json` (the default view's first page, a few kilobytes at any size), then
 * `/data/explorer.json` (what the default view shows, for every run), then
 * `/data/explorer-fields.json` (git, config and the other summary metrics). Posts the runs and then their fields in slices, so each
 * message the page deserializes is a short task.
 */
import { completeRunFields, runFieldsOf, type ExplorerFields } from "../core/explore/explorerFields.ts";
import { explorerFacets, runsOfExplorerIndex, type ExplorerHead, type ExplorerIndex } from "../core/explore/explorerIndex.ts";
import type { Run } from "../core/run.ts";
import { PAGE_SIZE } from "../core/explore/explorerState.ts";
import type { ExplorerIndexMessage } from "./explorerIndexMessages.ts";

// Each slice is one task on the page (reading the message); 250 runs keep it short on a slow machine.
const SLICE = 250;

const post = (message: ExplorerIndexMessage) => postMessage(message);

addEventListener("message", (event: MessageEvent<{ url: string; fieldsUrl: string; headUrl?: string }>) => {
  void load(event.data.url, event.data.fieldsUrl, event.data.headUrl);
});

async function load(url: string, fieldsUrl: string, headUrl: string | undefined): Promise<void> {
  try {
    // Every download starts at once; the head is read first, then the index, then the fields.
    const headResponse = headUrl ? fetch(headUrl) : null;
    const indexResponse = fetch(url);
    const fieldsResponse = fetch(fieldsUrl);
    // Not awaited when an earlier file fails first: that is the error to report, not these.
    indexResponse.catch(() => {});
    fieldsResponse.catch(() => {});
    const head = headResponse ? await firstPage(headResponse) : null;
    if (head) {
      post({ kind: "columns", ...head.columns });
      post({ kind: "runs", runs: head.runs });
    }
    const index = (await fetchJson(indexResponse)) as ExplorerIndex;
    const runs = runsOfExplorerIndex(index);
    let sent = 0;
    if (head) {
      // The page holds the head's runs already: the index must begin with the same runs.
      if (runs.length !== head.columns.total || head.runs.some((r, i) => runs[i]?.id !== r.id)) throw new Error(`${url} does not match ${headUrl}: reload the page`);
      sent = head.runs.length;
    } else {
      post({ kind: "columns", total: runs.length, defaultColumns: index.defaultColumns, columns: index.columns, early: index.early, ...explorerFacets(runs) });
      // The first page alone first: the page draws it while the rest is still on its way.
      post({ kind: "runs", runs: runs.slice(0, PAGE_SIZE) });
      sent = PAGE_SIZE;
    }
    for (let i = sent; i < runs.length; i += SLICE) post({ kind: "runs", runs: runs.slice(i, i + SLICE) });
    post({ kind: "indexed" });
    const fields = completeRunFields(runs, runFieldsOf((await fetchJson(fieldsResponse)) as ExplorerFields, runs.length));
    for (let i = 0; i < fields.length; i += SLICE) post({ kind: "fields", start: i, fields: fields.slice(i, i + SLICE) });
    post({ kind: "done" });
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * The default view's first page and the columns message from `/data/explorer-head.json`, or null
 * when it cannot be read (a site built before it existed): the index alone is then read as before.
 */
async function firstPage(pending: Promise<Response>): Promise<{ columns: Omit<Extract<ExplorerIndexMessage, { kind: "columns" }>, "kind">; runs: Run[] } | null> {
  try {
    const head = (await fetchJson(pending)) as ExplorerHead;
    const runs = runsOfExplorerIndex(head);
    if (!Number.isInteger(head.total) || runs.length !== Math.min(PAGE_SIZE, head.total) || !Array.isArray(head.projects) || !Array.isArray(head.states)) return null;
    return { columns: { total: head.total, defaultColumns: head.defaultColumns, columns: head.columns, early: head.early, projects: head.projects, states: head.states }, runs };
  } catch {
    return null;
  }
}

async function fetchJson(pending: Promise<Response>): Promise<unknown> {
  const response = await pending;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}
