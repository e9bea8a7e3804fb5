/**
 * Decoding of the W&B `Record` protobuf (`wandb/proto/wandb_internal.proto`), only the parts the
 * importer uses. Field numbers:
 *   Record: num 1, history 2, summary 3, output 4, config 5, files 6, stats 7, artifact 8,
 *     tbrecord 9, alert 10, telemetry 11, metric 12, output_raw 13, control 16, run 17, exit 18,
 *     uuid 19, final 20, header 21, footer 22, preempting 23, link_artifact 24, use_artifact 25,
 *     request 100, _info 200.
 *   HistoryRecord: item 1 (HistoryItem: key 1, nested_key 2, value_json 16), step 2 (num 1).
 *   ConfigRecord / SummaryRecord: update 1, remove 2 (items: key 1, nested_key 2, value_json 16).
 *   RunRecord: run_id 1, entity 2, project 3, config 4, summary 5, run_group 6, job_type 7,
 *     display_name 8, notes 9, tags 10, sweep_id 12, host 13, starting_step 14, start_time 17
 *     (Timestamp: seconds 1, nanos 2), resumed 18, runtime 20, git 21 (remote_url 1, commit 2).
 *   RunExitRecord: exit_code 1, runtime 2.
 *   OutputRecord / OutputRawRecord: output_type 1, timestamp 2, line 3.
 */
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from "../protobuf/wire.ts";

export interface KeyedItem {
  /** `key`, or the `nested_key` path. */
  path: string[];
  valueJson: string;
}

export interface RunInfo {
  runId: string;
  entity: string;
  project: string;
  group: string;
  jobType: string;
  displayName: string;
  notes: string;
  tags: string[];
  sweepId: string;
  host: string;
  startTime: number | null;
  resumed: boolean;
  runtime: number;
  gitRemote: string;
  gitCommit: string;
  config: { update: KeyedItem[]; remove: KeyedItem[] } | null;
  summary: { update: KeyedItem[]; remove: KeyedItem[] } | null;
}

export type WandbRecord =
  | { kind: "history"; items: KeyedItem[]; step: number | null }
  | { kind: "summary"; update: KeyedItem[]; remove: KeyedItem[] }
  | { kind: "config"; update: KeyedItem[]; remove: KeyedItem[] }
  | { kind: "run"; run: RunInfo }
  | { kind: "exit"; exitCode: number; runtime: number }
  | { kind: "output"; stream: "stdout" | "stderr"; line: string; raw: boolean }
  | { kind: "stats"; time: number | null; items: { key: string; valueJson: string }[] }
  | { kind: "other"; field: number }
  | { kind: "empty" };

/** Names of the record types the importer does not use, for the skipped-items report. */
export const OTHER_RECORD_NAMES: Record<number, string> = {
  6: "files",
  7: "stats (system metrics)",
  8: "artifact",
  9: "tbrecord",
  10: "alert",
  11: "telemetry",
  12: "metric definition",
  20: "final",
  21: "header",
  22: "footer",
  23: "preempting",
  24: "link_artifact",
  25: "use_artifact",
  100: "request",
};

/** Decodes one record; throws `ProtoError` (offset relative to `data`) on malformed bytes. */
export function decodeRecord(data: Uint8Array): WandbRecord {
  const r = new ProtoReader(data);
  let out: WandbRecord = { kind: "empty" };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (wire !== WIRE_LEN || field === 16 || field === 19 || field === 200) {
      r.skip(wire);
      continue;
    }
    switch (field) {
      case 2:
        out = decodeHistory(r.message());
        break;
      case 3: {
        const s = decodeUpdates(r.message());
        out = { kind: "summary", ...s };
        break;
      }
      case 5: {
        const c = decodeUpdates(r.message());
        out = { kind: "config", ...c };
        break;
      }
      case 4:
      case 13:
        out = decodeOutput(r.message(), field === 13);
        break;
      case 17:
        out = { kind: "run", run: decodeRun(r.message()) };
        break;
      case 18:
        out = decodeExit(r.message());
        break;
      case 7:
        out = decodeStats(r.message());
        break;
      default:
        r.skip(wire);
        out = { kind: "other", field };
    }
  }
  return out;
}

/** StatsRecord: stats_type 1, timestamp 2 (seconds 1, nanos 2), item 3 (key 1, value_json 16). */
function decodeStats(r: ProtoReader): WandbRecord {
  let time: number | null = null;
  const items: { key: string; valueJson: string }[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 2 && wire === WIRE_LEN) {
      const t = r.message();
      let seconds = 0;
      let nanos = 0;
      while (!t.done()) {
        const tt = t.tag();
        if (tt.field === 1 && tt.wire === WIRE_VARINT) seconds = t.int64();
        else if (tt.field === 2 && tt.wire === WIRE_VARINT) nanos = t.int64();
        else t.skip(tt.wire);
      }
      time = seconds + nanos / 1e9;
    } else if (field === 3 && wire === WIRE_LEN) {
      const it = decodeItem(r.message());
      items.push({ key: it.path.join("."), valueJson: it.valueJson });
    } else r.skip(wire);
  }
  return { kind: "stats", time, items };
}

function decodeItem(r: ProtoReader): KeyedItem {
  let key = "";
  const nested: string[] = [];
  let valueJson = "";
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = r.string();
    else if (field === 2 && wire === WIRE_LEN) nested.push(r.string());
    else if (field === 16 && wire === WIRE_LEN) valueJson = r.string();
    else r.skip(wire);
  }
  return { path: nested.length > 0 ? nested : [key], valueJson };
}

function decodeHistory(r: ProtoReader): WandbRecord {
  const items: KeyedItem[] = [];
  let step: number | null = null;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) items.push(decodeItem(r.message()));
    else if (field === 2 && wire === WIRE_LEN) {
      const s = r.message();
      step = 0;
      while (!s.done()) {
        const t = s.tag();
        if (t.field === 1 && t.wire === WIRE_VARINT) step = s.int64();
        else s.skip(t.wire);
      }
    } else r.skip(wire);
  }
  return { kind: "history", items, step };
}

function decodeUpdates(r: ProtoReader): { update: KeyedItem[]; remove: KeyedItem[] } {
  const update: KeyedItem[] = [];
  const remove: KeyedItem[] = [];
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) update.push(decodeItem(r.message()));
    else if (field === 2 && wire === WIRE_LEN) remove.push(decodeItem(r.message()));
    else r.skip(wire);
  }
  return { update, remove };
}

function decodeOutput(r: ProtoReader, raw: boolean): WandbRecord {
  let stream: "stdout" | "stderr" = "stderr";
  let line = "";
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) stream = r.varint() === 1 ? "stdout" : "stderr";
    else if (field === 3 && wire === WIRE_LEN) line = r.string();
    else r.skip(wire);
  }
  return { kind: "output", stream, line, raw };
}

function decodeExit(r: ProtoReader): WandbRecord {
  let exitCode = 0;
  let runtime = 0;
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_VARINT) exitCode = r.int64();
    else if (field === 2 && wire === WIRE_VARINT) runtime = r.int64();
    else r.skip(wire);
  }
  return { kind: "exit", exitCode, runtime };
}

function decodeRun(r: ProtoReader): RunInfo {
  const run: RunInfo = {
    runId: "",
    entity: "",
    project: "",
    group: "",
    jobType: "",
    displayName: "",
    notes: "",
    tags: [],
    sweepId: "",
    host: "",
    startTime: null,
    resumed: false,
    runtime: 0,
    gitRemote: "",
    gitCommit: "",
    config: null,
    summary: null,
  };
  while (!r.done()) {
    const { field, wire } = r.tag();
    if (wire === WIRE_LEN) {
      switch (field) {
        case 1:
          run.runId = r.string();
          continue;
        case 2:
          run.entity = r.string();
          continue;
        case 3:
          run.project = r.string();
          continue;
        case 4:
          run.config = decodeUpdates(r.message());
          continue;
        case 5:
          run.summary = decodeUpdates(r.message());
          continue;
        case 6:
          run.group = r.string();
          continue;
        case 7:
          run.jobType = r.string();
          continue;
        case 8:
          run.displayName = r.string();
          continue;
        case 9:
          run.notes = r.string();
          continue;
        case 10:
          run.tags.push(r.string());
          continue;
        case 12:
          run.sweepId = r.string();
          continue;
        case 13:
          run.host = r.string();
          continue;
        case 17: {
          const t = r.message();
          let seconds = 0;
          let nanos = 0;
          while (!t.done()) {
            const tt = t.tag();
            if (tt.field === 1 && tt.wire === WIRE_VARINT) seconds = t.int64();
            else if (tt.field === 2 && tt.wire === WIRE_VARINT) nanos = t.int64();
            else t.skip(tt.wire);
          }
          run.startTime = seconds + nanos / 1e9;
          continue;
        }
        case 21: {
          const g = r.message();
          while (!g.done()) {
            const gt = g.tag();
            if (gt.field === 1 && gt.wire === WIRE_LEN) run.gitRemote = g.string();
            else if (gt.field === 2 && gt.wire === WIRE_LEN) run.gitCommit = g.string();
            else g.skip(gt.wire);
          }
          continue;
        }
      }
    } else if (wire === WIRE_VARINT) {
      if (field === 18) {
        run.resumed = r.varint() !== 0;
        continue;
      }
      if (field === 20) {
        run.runtime = r.int64();
        continue;
      }
    }
    r.skip(wire);
  }
  return run;
}
