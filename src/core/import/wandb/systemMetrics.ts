/**
 * `wandb-events.jsonl` (W&B's system-metrics stream: one JSON object a line, `system.*` keys,
 * `_timestamp`, `_runtime`) → samples in the run format's vocabulary (docs/run-format.md
 * "System metrics"). Names W&B has no counterpart for keep their W&B name without `system.`,
 * camelCase turned into snake_case, so nothing logged is lost.
 */
import { positionAt, type Diagnostic } from "../../diagnostics.ts";
import { mediaMessages } from "../mediaMessages.ts";
import { parseJsonLoose, isPlainObject } from "./values.ts";

const MB = 1024 * 1024;

/** W&B names (after `system.`) → run-format names and a factor to the run format's unit. */
const FIXED: Record<string, [string, number]> = {
  cpu: ["cpu.percent", 1],
  memory: ["memory.percent", 1],
  memory_percent: ["memory.percent", 1],
  disk: ["disk.percent", 1],
  "disk./.usagePercent": ["disk.percent", 1],
  "disk./.usageGB": ["disk.used_gb", 1],
  "network.sent": ["network.sent_mb", 1 / MB],
  "network.recv": ["network.recv_mb", 1 / MB],
  "proc.memory.availableMB": ["memory.available_mb", 1],
  "proc.memory.rssMB": ["proc.memory.rss_mb", 1],
  "proc.memory.percent": ["proc.memory.percent", 1],
  "proc.cpu.threads": ["proc.cpu.threads", 1],
};

/** Per-GPU names (`system.gpu.<i>.<name>`, also `gpu.process.<i>.<name>`). */
const GPU: Record<string, [string, number]> = {
  gpu: ["utilization", 1],
  memory: ["memory_utilization", 1],
  memoryAllocated: ["memory_percent", 1],
  memoryAllocatedBytes: ["memory_used_mb", 1 / MB],
  temp: ["temperature_c", 1],
  powerWatts: ["power_w", 1],
  powerPercent: ["power_percent", 1],
  smClock: ["sm_clock_mhz", 1],
  memoryClock: ["memory_clock_mhz", 1],
};

function snake(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** The run-format name and value of one W&B system metric, or null for bookkeeping keys. */
export function systemMetric(name: string, value: number): [string, number] | null {
  if (!name.startsWith("system.")) return null;
  const rest = name.slice("system.".length);
  const fixed = FIXED[rest];
  if (fixed) return [fixed[0], value * fixed[1]];
  const gpu = /^gpu\.(?:process\.)?(\d+)\.(.+)$/.exec(rest);
  if (gpu) {
    const m = GPU[gpu[2]!];
    const process = rest.startsWith("gpu.process.") ? "process." : "";
    return m ? [`gpu.${gpu[1]}.${process}${m[0]}`, value * m[1]] : [`gpu.${gpu[1]}.${process}${snake(gpu[2]!)}`, value];
  }
  const cpu = /^cpu\.(\d+)\.cpu_percent$/.exec(rest);
  if (cpu) return [`cpu.${cpu[1]}.percent`, value];
  return [rest.split(".").map(snake).join("."), value];
}

/**
 * W&B's system monitor (cli ≥ 0.13, which also logs per-core `cpu.<i>.cpu_percent`) writes the
 * process's CPU share as `cpu`; older clients wrote the system-wide figure there. With per-core
 * values, `cpu` is the process's (`proc.cpu.percent`) and `cpu.percent` their mean.
 */
export function finishSample(sample: Record<string, number | null>): Record<string, number | null> {
  const cores = Object.keys(sample).filter((k) => /^cpu\.\d+\.percent$/.test(k));
  if (cores.length === 0) return sample;
  const values = cores.map((k) => sample[k]).filter((v): v is number => typeof v === "number");
  if ("cpu.percent" in sample) sample["proc.cpu.percent"] = sample["cpu.percent"]!;
  sample["cpu.percent"] = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : null;
  return sample;
}

/**
 * The samples of a `wandb-events.jsonl` text. A line that is not a JSON object (a cut-off last
 * line) is a warning and left out; a line without `_timestamp` has no time and is counted.
 */
export function readSystemEvents(path: string, text: string): { samples: Record<string, number | null>[]; diagnostics: Diagnostic[]; untimed: number } {
  const samples: Record<string, number | null>[] = [];
  const diagnostics: Diagnostic[] = [];
  let untimed = 0;
  let pos = 0;
  let line = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const start = pos;
    pos = end + 1;
    line++;
    const src = text.slice(start, end).replace(/\r$/, "");
    if (src.trim() === "") continue;
    const r = parseJsonLoose(src);
    if (!r.ok || !isPlainObject(r.value)) {
      const p = positionAt(text, start + (r.ok ? 0 : r.offset));
      const m = mediaMessages.eventsLine(line, r.ok ? "not an object" : r.message);
      diagnostics.push({ file: path, line: p.line, column: p.column, severity: "warning", code: m.code, message: m.message, hint: m.hint! });
      continue;
    }
    const o = r.value;
    const time = o._timestamp;
    if (typeof time !== "number" || !Number.isFinite(time)) {
      untimed++;
      continue;
    }
    const sample: Record<string, number | null> = { time };
    for (const [k, v] of Object.entries(o)) {
      if (typeof v !== "number") continue;
      const m = systemMetric(k, v);
      if (m) sample[m[0]] = Number.isFinite(m[1]) ? m[1] : null;
    }
    samples.push(finishSample(sample));
  }
  return { samples, diagnostics, untimed };
}
