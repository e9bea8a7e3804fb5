/**
 * The metadata phase: what W&B knows about the run besides its config — the log's run record,
 * `config._wandb` and `wandb-metadata.json` — becomes `config.wandb` (host, program, versions…),
 * git, the start time and a state. Machine details and personal data are skipped.
 */
import type { GitInfo } from "../../run.ts";
import { setOwn, ownRecord } from "../../ownRecord.ts";
import { fileJson, phase, type ImportFile, type Phase } from "./phase.ts";
import type { RunInfo } from "./records.ts";
import { isPlainObject, SkipCounter } from "./values.ts";

const INTERNAL_KEPT = ["cli_version", "python_version", "framework", "is_jupyter_run", "is_kaggle_kernel", "code_path", "huggingface_version"];

/** wandb-metadata.json field → key under `config.wandb`. */
const META_KEPT: Record<string, string> = {
  host: "host",
  os: "os",
  python: "python",
  program: "program",
  codePath: "code_path",
  args: "args",
  cuda: "cuda",
  gpu: "gpu",
  gpu_count: "gpu_count",
  cpu_count: "cpu_count",
  docker: "docker",
  colab: "colab",
  name: "display_name",
  project: "project",
  jobType: "job_type",
};

export interface MetadataPart {
  /** Keys for `config.wandb`, plus `display_name` for the run's name. */
  wandbMeta: Record<string, unknown>;
  git: GitInfo | null;
  startedAt: string | null;
  state: string | null;
}

export function readMetadata(file: ImportFile | null, runInfo: RunInfo | null, wandbInternal: Record<string, unknown>): Phase<MetadataPart> {
  const metadata = file ? fileJson(file) : null;
  const skips = new SkipCounter();
  const wandbMeta: Record<string, unknown> = ownRecord<unknown>();
  const put = (k: string, v: unknown): void => {
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0 && k !== "args")) setOwn(wandbMeta, k, v);
  };
  if (runInfo) {
    put("run_id", runInfo.runId);
    put("entity", runInfo.entity);
    put("project", runInfo.project);
    put("job_type", runInfo.jobType);
    put("sweep_id", runInfo.sweepId);
    put("host", runInfo.host);
    if (runInfo.resumed) put("resumed", true);
  }
  for (const k of INTERNAL_KEPT) put(k, wandbInternal[k]);
  const internalSkipped = Object.keys(wandbInternal).filter((k) => !INTERNAL_KEPT.includes(k) && k !== "start_time");
  if (internalSkipped.length > 0) {
    skips.add(`config._wandb entries (${internalSkipped.sort().join(", ")})`, "W&B-internal telemetry and metric definitions are not imported", undefined, internalSkipped.length);
  }
  let git: GitInfo | null = null;
  let startedAt: string | null = null;
  let state: string | null = null;
  if (metadata) {
    const metaSkipped: string[] = [];
    for (const [k, v] of Object.entries(metadata)) {
      if (k in META_KEPT) {
        if (wandbMeta[META_KEPT[k]!] === undefined) put(META_KEPT[k]!, v);
      } else if (k === "git" && isPlainObject(v)) {
        git = {};
        if (typeof v.commit === "string" && v.commit) git.commit = v.commit;
        if (typeof v.remote === "string" && v.remote) git.remote = v.remote;
        if (Object.keys(git).length === 0) git = null;
      } else if (k === "startedAt" && typeof v === "string") startedAt = v;
      else if (k === "state" && typeof v === "string") state = v;
      else metaSkipped.push(k);
    }
    if (metaSkipped.length > 0) {
      skips.add(
        `wandb-metadata.json fields (${metaSkipped.sort().join(", ")})`,
        "machine details and personal data (user name, e-mail, paths) are not imported",
        undefined,
        metaSkipped.length,
      );
    }
  }
  return phase({ wandbMeta, git, startedAt, state }, { sources: file ? [file.path] : [], skips });
}
