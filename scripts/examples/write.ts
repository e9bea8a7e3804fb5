/**
 * The example generator's number formats and writers: rounding, times, the compact JSON layout
 * of the committed run files, history.csv cells, and one run in its json / csv / jsonl layout.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { csvCell } from "../../src/core/export/csvCell.ts";
import { makeRng } from "./random.ts";

/** Round to `digits` significant digits; non-finite values pass through. */
export const sig = (x: number, digits = 5): number => (Number.isFinite(x) ? Number(x.toPrecision(digits)) : x);
/** Round to `places` decimals (timestamps, epochs). */
export const fixed = (x: number, places: number): number => Math.round(x * 10 ** places) / 10 ** places;

export const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString().replace(".000Z", "Z");
export const unix = (isoString: string): number => Date.parse(isoString) / 1000;

/** Linear warmup then cosine decay to `minRatio * peak` at `total` steps. */
export function warmupCosine(step: number, peak: number, warmup: number, total: number, minRatio: number): number {
  if (step < warmup) return (peak * (step + 1)) / (warmup + 1);
  const t = Math.min(1, (step - warmup) / Math.max(1, total - warmup));
  return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** One logged step: `step`, `time` (unix seconds) and the metrics logged at it. */
export interface Row {
  step: number;
  time: number;
  [column: string]: number;
}

export interface FakeGit {
  commit: string;
  branch: string;
  dirty: boolean;
  remote: string;
}

export interface RunMeta {
  name: string;
  group: string;
  tags: string[];
  state: string;
  created: string;
  notes: string;
  git: FakeGit;
  config: Record<string, unknown>;
  summary: Record<string, number>;
}

export type RunFormat = "json" | "csv" | "jsonl";

/** What the script prints for a run it wrote. */
export interface WrittenRun {
  id: string;
  format: string;
  rows: number;
  state: string;
  summary?: Record<string, number>;
}

export function fakeGit(key: string, branch: string, remote: string, dirty = false): FakeGit {
  const rng = makeRng(`git:${key}`);
  return { commit: rng.hex(40), branch, dirty, remote };
}

/** JSON with objects indented and arrays of primitives on one line (compact column arrays). */
export function toJson(value: unknown, indent = ""): string {
  if (value === null || typeof value !== "object") return jsonScalar(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== "object")) {
      return "[" + value.map(jsonScalar).join(", ") + "]";
    }
    return "[\n" + value.map((v) => inner + toJson(v, inner)).join(",\n") + "\n" + indent + "]";
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return (
    "{\n" +
    entries.map(([k, v]) => inner + JSON.stringify(k) + ": " + toJson(v, inner)).join(",\n") +
    "\n" +
    indent +
    "}"
  );
}

function jsonScalar(v: unknown): string {
  // JSON has no NaN/Infinity; a missing value is null (a gap).
  if (typeof v === "number" && !Number.isFinite(v)) return "null";
  return JSON.stringify(v);
}

/** A CSV cell in the core's quoting; non-finite numbers as the `nan` / `inf` a history.csv holds. */
export function historyCell(v: string | number | null | undefined): string {
  if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
  return csvCell(v ?? null);
}

/** Writes files under one runs folder, each ending in a newline. */
export class RunWriter {
  readonly root: string;
  constructor(root: string) {
    this.root = root;
  }

  file(relPath: string, text: string): void {
    const path = join(this.root, relPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text.endsWith("\n") ? text : text + "\n");
  }

  /** A binary file (an image) as given. */
  bytes(relPath: string, data: Uint8Array): void {
    const path = join(this.root, relPath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }

  /** One run in the given layout; a row without a column's key did not log it at that step. */
  run(project: string, id: string, format: RunFormat, meta: RunMeta, columns: string[], rows: Row[]): WrittenRun {
    const lastTime = rows.at(-1)!.time;
    const metadata = { ...meta, duration: fixed(lastTime - unix(meta.created), 1) };
    const ordered = {
      name: metadata.name,
      group: metadata.group,
      tags: metadata.tags,
      state: metadata.state,
      created: metadata.created,
      duration: metadata.duration,
      notes: metadata.notes,
      git: metadata.git,
      config: metadata.config,
      summary: metadata.summary,
    };
    if (format === "json") {
      const history: Record<string, (number | null)[]> = {};
      for (const col of columns) history[col] = rows.map((r) => (col in r ? r[col]! : null));
      this.file(`${project}/${id}.json`, toJson({ ...ordered, history }));
    } else if (format === "csv") {
      this.file(`${project}/${id}/run.json`, toJson(ordered));
      const lines = [columns.map(historyCell).join(",")];
      for (const r of rows) lines.push(columns.map((c) => historyCell(r[c])).join(","));
      this.file(`${project}/${id}/history.csv`, lines.join("\n"));
    } else {
      this.file(`${project}/${id}/run.json`, toJson(ordered));
      const lines = rows.map((r) => {
        const obj: Record<string, number> = { _step: r.step, _timestamp: r.time };
        for (const c of columns) if (c !== "step" && c !== "time" && c in r) obj[c] = r[c]!;
        return JSON.stringify(obj);
      });
      this.file(`${project}/${id}/history.jsonl`, lines.join("\n"));
    }
    return { id: `${project}/${id}`, format, rows: rows.length, ...ordered };
  }
}
