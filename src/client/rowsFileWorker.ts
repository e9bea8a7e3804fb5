/**
 * Reads a large table's rows file (core/runTables/rowsFile.ts) off the page's main thread: at
 * 100,000 rows the JSON parse alone is a task of hundreds of milliseconds, and so is ordering a
 * column for the first time. Posts the columns as typed arrays with the dictionary's sort ranks and
 * the rows the runs disagree on, then orders every column, one task each (a column the page asks
 * for goes first), and hands each order over without a copy: the page's first sort finds it done.
 */
import { columnOrder } from "../core/runTables/columnOrder.ts";
import { columnsOfFile, dictionaryFacts, transferablesOf, type RowsColumns } from "../core/runTables/rowsColumns.ts";
import type { RowsFile } from "../core/runTables/rowsFile.ts";
import { disagreementsOf } from "../core/runTables/rowsDisagreements.ts";
import type { RowsFileMessage, RowsFileRequest } from "./rowsFileMessages.ts";

/** Columns still to order, the next first. */
const pending: number[] = [];
let columns: RowsColumns | null = null;

const post = (message: RowsFileMessage, transfer: Transferable[] = []) => postMessage(message, { transfer });

addEventListener("message", (event: MessageEvent<RowsFileRequest>) => {
  const request = event.data;
  if (request.kind === "load") void load(request.url);
  else if (pending.includes(request.column)) {
    pending.splice(pending.indexOf(request.column), 1);
    pending.unshift(request.column);
  }
});

async function load(url: string): Promise<void> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const read = columnsOfFile((await response.json()) as RowsFile);
    const facts = dictionaryFacts(read.dictionary);
    const prepared: RowsColumns = { ...read, facts, differing: disagreementsOf(read, facts) };
    // The page gets these buffers without a copy; the worker orders its own copy of the columns.
    columns = {
      ...prepared,
      data: prepared.data.map((d) => (d.kind === "codes" ? { kind: "codes", codes: d.codes.slice() } : { kind: "numbers", values: d.values.slice(), gaps: d.gaps?.slice() ?? null })),
      facts: { ...facts, rank: facts.rank.slice() },
      present: null,
      differing: undefined,
    };
    post({ kind: "columns", columns: prepared }, transferablesOf(prepared));
    pending.push(...columns.data.keys());
    setTimeout(orderNext);
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
}

/** Orders one column a task, so a request from the page is seen between two. */
function orderNext(): void {
  const column = pending.shift();
  if (column === undefined || !columns) {
    close();
    return;
  }
  const order = columnOrder(columns.data[column]!, columns.facts!, columns.rowCount);
  post({ kind: "order", column, order }, [order.order.buffer as ArrayBuffer, order.ties.buffer as ArrayBuffer]);
  setTimeout(orderNext);
}
