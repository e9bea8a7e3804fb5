/**
 * The phases that read the W&B files dir: `config.yaml`, `wandb-summary.json` and `output.log`.
 * Each file is the final state and wins over what the `.wandb` log's records said.
 */
import YAML from "yaml";
import type { SummaryValue } from "../../run.ts";
import { ownRecord } from "../../ownRecord.ts";
import { findTooDeepYaml, yamlProblemMessage, yamlToValue } from "../../yaml/yamlToValue.ts";
import { plainData } from "../readFiles.ts";
import { wandbMessages } from "./messages.ts";
import { at, fail, fileJson, fileText, phase, type ImportFile, type Phase } from "./phase.ts";
import { flattenSummaryValue, isPlainObject, SkipCounter } from "./values.ts";

export interface ConfigPart {
  userConfig: Record<string, unknown>;
  /** `_wandb`: W&B's own entries (cli version, telemetry…), kept apart from the user's config. */
  wandbInternal: Record<string, unknown>;
}

/** `config.yaml` with its `{desc, value}` wrappers unwrapped, else the log's config records. */
export function readConfig(file: ImportFile | null, recordConfig: Record<string, unknown>): Phase<ConfigPart> {
  let userConfig: Record<string, unknown> = ownRecord<unknown>();
  let wandbInternal: Record<string, unknown> = ownRecord<unknown>();
  const splitInternal = (cfg: Record<string, unknown>): void => {
    for (const k of Object.keys(cfg)) {
      if (k === "_wandb") {
        if (isPlainObject(cfg[k])) wandbInternal = Object.assign(ownRecord(), wandbInternal, cfg[k]);
      } else userConfig[k] = cfg[k];
    }
  };
  splitInternal(recordConfig);
  if (!file) return phase({ userConfig, wandbInternal });

  const t = fileText(file);
  const deep = findTooDeepYaml(t);
  if (deep !== null) fail(at(file.path, deep, "error", wandbMessages.yamlSyntax(yamlProblemMessage({ kind: "depth", offset: deep })), false, t));
  // Integers as bigint first, so a seed or id past 2^53 keeps its digits (see `plainData`).
  const doc = YAML.parseDocument(t, { uniqueKeys: false, prettyErrors: false, intAsBigInt: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    fail(at(file.path, e.pos[0], "error", wandbMessages.yamlSyntax(e.message.split("\n")[0]!), false, t));
  }
  const converted = yamlToValue(doc, t);
  if (!converted.ok) fail(at(file.path, converted.problem.offset, "error", wandbMessages.yamlSyntax(yamlProblemMessage(converted.problem)), false, t));
  const raw: unknown = converted.ok ? plainData(converted.value) : null;
  if (raw !== null && raw !== undefined && !isPlainObject(raw)) fail(at(file.path, 0, "error", wandbMessages.notAnObject("config.yaml"), false, t));
  const unwrapped: Record<string, unknown> = ownRecord<unknown>();
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (k === "wandb_version") continue;
    unwrapped[k] = isPlainObject(v) && Object.hasOwn(v, "value") && Object.keys(v).every((x) => x === "value" || x === "desc") ? v.value : v;
  }
  // config.yaml is the final state: it replaces what the records said.
  userConfig = ownRecord();
  splitInternal(unwrapped);
  return phase({ userConfig, wandbInternal }, { sources: [file.path] });
}

export interface SummaryPart {
  summary: Record<string, SummaryValue>;
  /** `_wandb.runtime`, else `_runtime`. */
  runtime: number | null;
  /** `_step`: the last step the run logged. */
  step: number | null;
  /** Typed values (media, tables, histograms) in the summary, by `/`-joined key. */
  typed: { key: string; value: Record<string, unknown> }[];
  /** The summary file's path and text, for positions (null when read from the log's records). */
  file: { path: string; text: string } | null;
}

/**
 * `wandb-summary.json`, else the log's summary records. `_step`, `_timestamp`, `_runtime` and
 * `_wandb` are bookkeeping, not summary values.
 */
export function readSummary(file: ImportFile | null, recordSummary: Record<string, unknown>): Phase<SummaryPart> {
  const fileSummary = file ? fileJson(file) : null;
  const skips = new SkipCounter();
  const summary: Record<string, SummaryValue> = ownRecord<SummaryValue>();
  let runtime: number | null = null;
  let step: number | null = null;
  const typed: { key: string; value: Record<string, unknown> }[] = [];
  for (const [k, v] of Object.entries(fileSummary ?? recordSummary)) {
    if (k === "_wandb") {
      if (isPlainObject(v) && typeof v.runtime === "number") runtime = v.runtime;
      continue;
    }
    if (k === "_step") {
      if (typeof v === "number") step = v;
      continue;
    }
    if (k === "_runtime") {
      if (typeof v === "number" && runtime === null) runtime = v;
      continue;
    }
    if (k === "_timestamp") continue;
    flattenSummaryValue(k, v, "the summary", skips, summary, (key, value) => typed.push({ key, value }));
  }
  return phase({ summary, runtime, step, typed, file: file ? { path: file.path, text: fileText(file) } : null }, { sources: file ? [file.path] : [], skips });
}

/** `output.log`, else the log's output records, checked for a final Python traceback. */
export function readOutput(file: ImportFile | null, recordOutput: string): Phase<{ crash: string | null }> {
  const output = file ? fileText(file) : recordOutput;
  return phase({ crash: tracebackAtEnd(output) }, { sources: file ? [file.path] : [] });
}

/**
 * When console output ends in a Python traceback, its last lines (header … exception line);
 * otherwise null. The exception line is the first unindented line after the last
 * `Traceback (most recent call last):`, and at most a few lines of message may follow it.
 */
export function tracebackAtEnd(output: string): string | null {
  const lines = output.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.trim() === "") end--;
  if (end === 0) return null;
  let header = -1;
  for (let i = end - 1; i >= Math.max(0, end - 400); i--) {
    if (lines[i]!.trimEnd().endsWith("Traceback (most recent call last):")) {
      header = i;
      break;
    }
  }
  if (header < 0) return null;
  let exc = -1;
  for (let i = header + 1; i < end; i++) {
    const l = lines[i]!;
    if (l.trim() === "" || /^\s/.test(l)) continue;
    exc = i;
    break;
  }
  if (exc < 0 || end - exc > 10) return null;
  if (!/^[A-Za-z_][\w.]*(?::|$)/.test(lines[exc]!)) return null;
  const from = Math.max(header + 1, exc - 6);
  const body = lines.slice(from, end).join("\n");
  return `Crashed with a Python exception (end of the console output):\n${lines[header]!.trim()}\n${from > header + 1 ? "  …\n" : ""}${body}`;
}
