/**
 * The `.wandb` transaction log phase (cli ≥ 0.10): history rows, config and summary updates, run
 * metadata, the exit record and console output, read record by record. Only the first log of a
 * folder is read.
 */
import { importMessages } from "../importMessages.ts";
import { ProtoError } from "../protobuf/wire.ts";
import { ownRecord } from "../../ownRecord.ts";
import { HistoryAcc } from "./history.ts";
import { readLeveldbLog } from "./leveldbLog.ts";
import { wandbMessages } from "./messages.ts";
import { at, basename, fail, phase, type ImportFile, type Phase } from "./phase.ts";
import { decodeRecord, OTHER_RECORD_NAMES, type KeyedItem, type RunInfo } from "./records.ts";
import { finishSample, systemMetric } from "./systemMetrics.ts";
import { deletePath, flattenHistoryValue, parseJsonLoose, setPath, SkipCounter } from "./values.ts";
import { isLfsPointerBytes } from "../lfsPointer.ts";

/** Record types that carry SDK bookkeeping, not anything the user logged. */
const BOOKKEEPING_RECORDS = new Set([6, 11, 20, 21, 22, 23, 100]);

export interface LogPart {
  history: HistoryAcc;
  recordConfig: Record<string, unknown>;
  recordSummary: Record<string, unknown>;
  runInfo: RunInfo | null;
  exit: { exitCode: number; runtime: number } | null;
  /** Console output from the log's output records ("" without any). */
  outputText: string;
  truncated: { file: string; offset: number } | null;
  /** System-metric samples from the log's stats records, in the run format's names. */
  stats: Record<string, number | null>[];
}

export function readLog(logPath: string | null, extraLogs: string[], byPath: Map<string, ImportFile>): Phase<LogPart> {
  const skips = new SkipCounter();
  const part: LogPart = {
    history: new HistoryAcc(),
    recordConfig: ownRecord<unknown>(),
    recordSummary: ownRecord<unknown>(),
    runInfo: null,
    exit: null,
    outputText: "",
    truncated: null,
    stats: [],
  };
  for (const extra of extraLogs) skips.add(`extra .wandb file ${basename(extra)}`, "only the first .wandb log of a run folder is read (a resumed run?)");
  if (!logPath) return phase(part, { skips });

  const f = byPath.get(logPath)!;
  if (isLfsPointerBytes(f.bytes)) fail(at(logPath, 0, "error", wandbMessages.lfsPointer(), false, ""));
  const log = readLeveldbLog(f.bytes);
  if (log.problem) fail(at(logPath, log.problem.offset, "error", wandbMessages.corruptLog(log.problem.offset, log.problem.message), true));
  if (log.truncatedAt !== null) part.truncated = { file: logPath, offset: log.truncatedAt };
  const applyUpdates = (target: Record<string, unknown>, u: { update: KeyedItem[]; remove: KeyedItem[] }, offset: number): void => {
    for (const item of u.update) {
      const v = parseJsonLoose(item.valueJson);
      if (!v.ok) fail(at(logPath, offset, "error", wandbMessages.badValueJson(item.path.join("/"), `${v.message} (record at byte offset ${offset})`), true));
      else setPath(target, item.path, v.value);
    }
    for (const item of u.remove) deletePath(target, item.path);
  };
  for (const rec of log.records) {
    let d;
    try {
      d = decodeRecord(rec.data);
    } catch (e) {
      if (e instanceof ProtoError) fail(at(logPath, rec.offset, "error", wandbMessages.badRecord(rec.offset, e.message), true));
      throw e;
    }
    switch (d.kind) {
      case "history": {
        const history = part.history;
        let step: number | null = d.step;
        let time: number | null = null;
        const values = new Map<string, number>();
        const typed: { key: string; value: Record<string, unknown> }[] = [];
        for (const item of d.items) {
          const key = item.path.join("/");
          const v = parseJsonLoose(item.valueJson);
          if (!v.ok) {
            fail(at(logPath, rec.offset, "error", wandbMessages.badValueJson(key, `${v.message} (record at byte offset ${rec.offset})`), true));
            continue;
          }
          if (key === "_step" && typeof v.value === "number") {
            // Rows are keyed by step: a NaN or infinite one cannot be placed (nor written to history.csv).
            if (Number.isFinite(v.value)) step = v.value;
            else fail(at(logPath, rec.offset, "error", importMessages.badValue(`"_step" in the history record at byte offset ${rec.offset}`, String(v.value)), true));
          }
          else if (key === "_timestamp" && typeof v.value === "number") time = v.value;
          else if (key === "_runtime" && typeof v.value === "number") history.lastRuntime = v.value;
          else flattenHistoryValue(key, v.value, "the history", skips, (k, n) => values.set(k, n), (k, value) => typed.push({ key: k, value }));
        }
        const rowStep = step ?? history.nextStep();
        for (const t of typed) history.typed.push({ step: rowStep, ...t, file: logPath, offset: rec.offset });
        history.add({ step: rowStep, time, values });
        break;
      }
      case "config":
        applyUpdates(part.recordConfig, d, rec.offset);
        break;
      case "summary":
        applyUpdates(part.recordSummary, d, rec.offset);
        break;
      case "run":
        part.runInfo ??= d.run;
        if (d.run.config) applyUpdates(part.recordConfig, d.run.config, rec.offset);
        if (d.run.summary) applyUpdates(part.recordSummary, d.run.summary, rec.offset);
        break;
      case "exit":
        part.exit = { exitCode: d.exitCode, runtime: d.runtime };
        break;
      case "output":
        if (d.raw) part.outputText += d.line;
        else part.outputText += d.line.endsWith("\n") ? d.line : `${d.line}\n`;
        skips.add("console output records in the .wandb log", "console output is not imported (it is checked for a final traceback)");
        break;
      case "stats": {
        if (d.time === null) {
          skips.add(".wandb stats records without a timestamp", "a system-metric sample needs its time");
          break;
        }
        const sample: Record<string, number | null> = { time: d.time };
        for (const item of d.items) {
          const v = parseJsonLoose(item.valueJson);
          if (!v.ok || typeof v.value !== "number") continue;
          const m = systemMetric(`system.${item.key}`, v.value);
          if (m) sample[m[0]] = Number.isFinite(m[1]) ? m[1] : null;
        }
        part.stats.push(finishSample(sample));
        break;
      }
      case "other":
        if (BOOKKEEPING_RECORDS.has(d.field)) skips.add(".wandb bookkeeping records (header, footer, final, files, telemetry, requests)", "they hold no run data");
        else skips.add(`.wandb records: ${OTHER_RECORD_NAMES[d.field] ?? `type ${d.field}`}`, "not imported");
        break;
      case "empty":
        break;
    }
  }
  return phase(part, { sources: [logPath], skips });
}
