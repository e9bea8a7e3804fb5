/**
 * The explorer's runs from `/data/explorer.json`, then their other fields from
 * `/data/explorer-fields.json`, merged into the same run records. Parsed in a module worker
 * (explorerIndexWorker.ts) so the page's main thread stays free for input; where a worker cannot
 * start (an old browser, a policy that forbids it) the page fetches and expands them itself, in
 * separate tasks.
 */
import { completeRunFields, mergeRunFields, runFieldsOf, type ExplorerFields, type RunFields } from "../core/explore/explorerFields.ts";
import { explorerFacets, runsOfExplorerIndex, type ExplorerIndex } from "../core/explore/explorerIndex.ts";
import type { Run, RunState } from "../core/run.ts";
import type { ExplorerIndexMessage } from "./explorerIndexMessages.ts";

export interface ExplorerData {
  /** Filled in slices, in run-id order, until it holds `total` runs (when `data` resolves). */
  runs: Run[];
  total: number;
  projects: string[];
  states: RunState[];
  defaultColumns: string[];
  columns: { group: "run" | "config" | "summary"; key: string }[];
  /** Column keys whose values `runs` hold before `fields` settles. */
  early: string[];
}

export interface ExplorerLoad {
  /** The index: every run, with git, config and the summary metrics not shown by default still missing. */
  data: Promise<ExplorerData>;
  /** Settles once those are merged into `data`'s runs. */
  fields: Promise<void>;
}

const MERGE_SLICE = 500;

/**
 * `onRuns` is called after each slice of runs arrives, before `data` resolves (the first holds the
 * first page). `headUrl`: the first page's own small file, read before the index (by the worker).
 */
export function loadExplorerIndex(url: string, fieldsUrl: string, onRuns: (partial: ExplorerData) => void = () => {}, headUrl?: string): ExplorerLoad {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./explorerIndexWorker.ts", import.meta.url), { type: "module" });
  } catch {
    return loadOnMainThread(url, fieldsUrl);
  }
  let resolveData!: (d: ExplorerData) => void;
  let rejectData!: (e: Error) => void;
  let resolveFields!: () => void;
  let rejectFields!: (e: Error) => void;
  const data = new Promise<ExplorerData>((res, rej) => ((resolveData = res), (rejectData = rej)));
  const fields = new Promise<void>((res, rej) => ((resolveFields = res), (rejectFields = rej)));
  // Whoever awaits only `data` must not see an unhandled rejection of `fields`.
  fields.catch(() => {});
  let loaded: ExplorerData | null = null;
  let indexed = false;
  const fail = (e: Error) => {
    worker.terminate();
    if (!indexed) rejectData(e);
    rejectFields(e);
  };
  worker.addEventListener("message", (event: MessageEvent<ExplorerIndexMessage>) => {
    const message = event.data;
    if (message.kind === "columns") {
      const { total, defaultColumns, columns, early, projects, states } = message;
      loaded = { runs: [], total, projects, states, defaultColumns, columns, early };
    } else if (message.kind === "runs") {
      if (!loaded) return;
      for (const run of message.runs) loaded.runs.push(run);
      if (loaded.runs.length < loaded.total) onRuns(loaded);
    }
    else if (message.kind === "indexed") {
      if (!loaded) return fail(new Error("the index worker sent no columns"));
      indexed = true;
      resolveData(loaded);
    } else if (message.kind === "fields") {
      if (loaded) mergeSlice(loaded.runs, message.start, message.fields);
    } else if (message.kind === "done") {
      worker.terminate();
      resolveFields();
    } else fail(new Error(message.message));
  });
  // The worker's script failed to load or run (blocked, or a syntax the browser lacks): do it here.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    worker.terminate();
    const here = loadOnMainThread(url, fieldsUrl);
    here.data.then(resolveData, rejectData);
    here.fields.then(resolveFields, rejectFields);
  });
  worker.postMessage({ url: new URL(url, location.href).href, fieldsUrl: new URL(fieldsUrl, location.href).href, ...(headUrl ? { headUrl: new URL(headUrl, location.href).href } : {}) });
  return { data, fields };
}

function mergeSlice(runs: Run[], start: number, fields: readonly RunFields[]): void {
  for (let k = 0; k < fields.length; k++) {
    const run = runs[start + k];
    if (run) mergeRunFields(run, fields[k]!);
  }
}

function loadOnMainThread(url: string, fieldsUrl: string): ExplorerLoad {
  const fieldsResponse = fetch(fieldsUrl);
  // Not awaited when the index fails first: that is the error to report, not this one.
  fieldsResponse.catch(() => {});
  // Expanding and drawing are separate tasks, so neither holds the main thread for both.
  const data = (async () => {
    const index = (await fetchJson(fetch(url))) as ExplorerIndex;
    await nextTask();
    const runs = runsOfExplorerIndex(index);
    const loaded: ExplorerData = { runs, total: runs.length, ...explorerFacets(runs), defaultColumns: index.defaultColumns, columns: index.columns, early: index.early };
    await nextTask();
    return loaded;
  })();
  const fields = (async () => {
    const loaded = await data;
    const file = (await fetchJson(fieldsResponse)) as ExplorerFields;
    await nextTask();
    const all = completeRunFields(loaded.runs, runFieldsOf(file, loaded.runs.length));
    for (let i = 0; i < all.length; i += MERGE_SLICE) {
      await nextTask();
      mergeSlice(loaded.runs, i, all.slice(i, i + MERGE_SLICE));
    }
  })();
  fields.catch(() => {});
  return { data, fields };
}

async function fetchJson(pending: Promise<Response>): Promise<unknown> {
  const response = await pending;
  if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
  return response.json();
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
