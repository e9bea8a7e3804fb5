/**
 * Reads a large table's rows file (core/runTables/rowsFile.ts) off the page's main thread: at
 * 100,000 rows the JSON parse alone is a task of hundreds of milliseconds, and so is ordering a
 * column for the first time. Posts the columns as typed arrays with the dictionary's sort ranks and
 * the rows the runs disagree on, then orders every column, one task each (a column the page asks
 * for goes first), and hands each order over without a copy: the page's first sort finds it done.
 * It keeps its own copy of the columns and filters them when the page asks, handing back the rows
 * kept. A request from the page is answered before any more background ordering, and while the
 * page answers an interaction (it says when: `hold`) only what it asks for is done, leaving the
 * other core to the page.
 */
import type { Expr } from "../core/query/ast.ts";
import { columnOrder } from "../core/runTables/columnOrder.ts";
import { columnsOfFile, dictionaryFacts, transferablesOf, type RowsColumns } from "../core/runTables/rowsColumns.ts";
import type { RowsFile } from "../core/runTables/rowsFile.ts";
import { disagreementsOf } from "../core/runTables/rowsDisagreements.ts";
import { maskRows, rowsFilterMask } from "../core/runTables/rowsFilterMask.ts";
import { cellValue } from "../core/runTables/rowsPayload.ts";
import type { RowsFileMessage, RowsFileRequest } from "./rowsFileMessages.ts";

/** Columns still to order, the next first. */
const pending: number[] = [];
/** Filters the page waits for, oldest first. */
const filters: { id: number; expr: Expr }[] = [];
/** Columns the page asked for and has not got. */
const asked = new Set<number>();
/** Whether the page is answering an interaction: no background ordering meanwhile. */
let held = false;
let columns: RowsColumns | null = null;
let values: (string | number | boolean | null)[] = [];
let scheduled = false;

const post = (message: RowsFileMessage, transfer: Transferable[] = []) => postMessage(message, { transfer });

addEventListener("message", (event: MessageEvent<RowsFileRequest>) => {
  const request = event.data;
  if (request.kind === "load") void load(request.url);
  else if (request.kind === "filter") {
    filters.push({ id: request.id, expr: request.expr });
    schedule();
  } else if (request.kind === "hold") {
    held = request.on;
    schedule();
  } else if (pending.includes(request.column)) {
    pending.splice(pending.indexOf(request.column), 1);
    pending.unshift(request.column);
    asked.add(request.column);
    schedule();
  }
});

async function load(url: string): Promise<void> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const read = columnsOfFile((await response.json()) as RowsFile);
    const facts = dictionaryFacts(read.dictionary);
    const prepared: RowsColumns = { ...read, facts, differing: disagreementsOf(read, facts) };
    // The page gets these buffers without a copy; the worker orders and filters its own copy of the columns.
    columns = {
      ...prepared,
      data: prepared.data.map((d) => (d.kind === "codes" ? { kind: "codes", codes: d.codes.slice() } : { kind: "numbers", values: d.values.slice(), gaps: d.gaps?.slice() ?? null })),
      facts: { ...facts, rank: facts.rank.slice() },
      present: prepared.present?.slice() ?? null,
      differing: undefined,
    };
    values = columns.dictionary.map((c) => cellValue(c));
    post({ kind: "columns", columns: prepared }, transferablesOf(prepared));
    pending.push(...columns.data.keys());
    schedule();
  } catch (e) {
    post({ kind: "failed", message: e instanceof Error ? e.message : String(e) });
  }
}

/** Whether there is work to do now: a request, or background ordering the page does not hold. */
const workToDo = (): boolean => filters.length > 0 || asked.size > 0 || (!held && pending.length > 0);

function schedule(): void {
  if (scheduled || !columns || !workToDo()) return;
  scheduled = true;
  setTimeout(step);
}

/**
 * One piece of work a task, so a request from the page is seen between two: a filter the page
 * waits for, else a column it asked for, else (unless held) the next column in the background.
 */
function step(): void {
  scheduled = false;
  if (!columns) return;
  const filter = filters.shift();
  if (filter) {
    const rows = maskRows(rowsFilterMask(filter.expr, columns, values));
    post({ kind: "filtered", id: filter.id, rows }, [rows.buffer]);
  } else {
    if (held && asked.size === 0) return;
    const column = pending.shift();
    if (column === undefined) return;
    asked.delete(column);
    const order = columnOrder(columns.data[column]!, columns.facts!, columns.rowCount);
    post({ kind: "order", column, order }, [order.order.buffer as ArrayBuffer, order.ties.buffer as ArrayBuffer]);
  }
  schedule();
}
