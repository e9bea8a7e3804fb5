/**
 * A large table's rows, by column, from its rows file. Read in a module worker
 * (rowsFileWorker.ts) so the page's main thread stays free for input; the worker then orders every
 * column, and `order` hands a column's order over when it is there; `filter` has it filter its copy of the columns. Where a worker cannot start
 * (an old browser, a policy that forbids it) the page reads the file itself, in separate tasks,
 * and the model orders columns when first sorted.
 */
import type { Expr } from "../core/query/ast.ts";
import type { ColumnOrder } from "../core/runTables/columnOrder.ts";
import { columnsOfFile, type RowsColumns } from "../core/runTables/rowsColumns.ts";
import type { RowsFile } from "../core/runTables/rowsFile.ts";
import type { RowsFileMessage, RowsFileRequest } from "./rowsFileMessages.ts";

export interface RowsFromFile {
  columns: RowsColumns;
  /** A column's ascending order from the worker, once computed (it is asked to do that column next); null where no worker orders it. */
  order: (column: number) => Promise<ColumnOrder | null>;
  /** The rows `expr` keeps (ascending), filtered by the worker; null where no worker filters (the page filters itself). */
  filter: (expr: Expr) => Promise<Int32Array | null>;
  /** The page is answering an interaction (true) or done (false): the worker holds its background work meanwhile. */
  hold: (on: boolean) => void;
}

/** `held`: an interaction already waits for the rows, so the worker starts with its background work held. */
export async function loadRowsFile(url: string, held = false): Promise<RowsFromFile> {
  let worker: Worker;
  try {
    worker = new Worker(new URL("./rowsFileWorker.ts", import.meta.url), { type: "module" });
  } catch {
    return loadOnMainThread(url);
  }
  const send = (request: RowsFileRequest) => worker.postMessage(request);
  const orders = new Map<number, ColumnOrder>();
  const waiting = new Map<number, ((order: ColumnOrder | null) => void)[]>();
  const filtering = new Map<number, (rows: Int32Array | null) => void>();
  let filterId = 0;
  let holding = held;
  const hold = (on: boolean): void => {
    if (working && on !== holding) send({ kind: "hold", on });
    holding = on;
  };
  let working = true;
  const stop = (): void => {
    working = false;
    worker.terminate();
    for (const list of waiting.values()) for (const resolve of list) resolve(null);
    waiting.clear();
    for (const resolve of filtering.values()) resolve(null);
    filtering.clear();
  };
  const order = (column: number): Promise<ColumnOrder | null> => {
    const done = orders.get(column);
    if (done || !working) return Promise.resolve(done ?? null);
    send({ kind: "order", column });
    return new Promise((resolve) => waiting.set(column, [...(waiting.get(column) ?? []), resolve]));
  };
  const filter = (expr: Expr): Promise<Int32Array | null> => {
    if (!working) return Promise.resolve(null);
    const id = ++filterId;
    send({ kind: "filter", id, expr });
    return new Promise((resolve) => filtering.set(id, resolve));
  };
  return new Promise<RowsFromFile>((resolve, reject) => {
    let total = 0;
    worker.addEventListener("message", (event: MessageEvent<RowsFileMessage>) => {
      const message = event.data;
      if (message.kind === "columns") {
        total = message.columns.data.length;
        resolve({ columns: message.columns, order, filter, hold });
      } else if (message.kind === "order") {
        orders.set(message.column, message.order);
        for (const wake of waiting.get(message.column) ?? []) wake(message.order);
        waiting.delete(message.column);
      } else if (message.kind === "filtered") {
        filtering.get(message.id)?.(message.rows);
        filtering.delete(message.id);
      } else {
        stop();
        reject(new Error(message.message));
      }
    });
    // The worker's script failed to load or run (blocked, or a syntax the browser lacks): do it here.
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      const hadColumns = total > 0;
      stop();
      if (!hadColumns) loadOnMainThread(url).then(resolve, reject);
    });
    send({ kind: "load", url: new URL(url, location.href).href });
    if (held) send({ kind: "hold", on: true });
  });
}

async function loadOnMainThread(url: string): Promise<RowsFromFile> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const file = (await response.json()) as RowsFile;
  // Parsing and storing by column are separate tasks.
  await nextTask();
  const columns = columnsOfFile(file);
  await nextTask();
  return { columns, order: () => Promise.resolve(null), filter: () => Promise.resolve(null), hold: () => {} };
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
