/**
 * Machine facts a logger put in the config (W&B's `_wandb`/`wandb_metadata`, a `system` or `env`
 * section, or top-level keys such as `host`, `gpu`, `python`), as key → value pairs for a small
 * "System" table on the run page. Only scalar leaves; keys are dotted paths into the config.
 */
import { compareText } from "../format/compareText.ts";

const SECTIONS = ["system", "sys", "env", "environment", "machine", "hardware", "wandb_metadata", "_wandb", "platform"];
const KEY = /^(host|hostname|os|platform|python|python_version|cuda|cuda_version|cudnn|gpu|gpus|gpu_count|gpu_name|gpu_type|n_gpu|num_gpus|cpu|cpu_count|cpus|torch|torch_version|pytorch_version|jax_version|tensorflow_version|ram|memory|device|accelerator|nodes|num_nodes|world_size)$/i;

export function systemInfo(config: Record<string, unknown>): [string, unknown][] {
  const out: [string, unknown][] = [];
  const isTree = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  const leaves = (prefix: string, v: Record<string, unknown>, all: boolean, depth: number) => {
    for (const [k, val] of Object.entries(v)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (isTree(val)) {
        if (depth < 3 && (all || SECTIONS.includes(k.toLowerCase()))) leaves(path, val, true, depth + 1);
      } else if (all || KEY.test(k)) {
        if (val === null || typeof val !== "object" || (Array.isArray(val) && val.every((x) => typeof x !== "object"))) out.push([path, val]);
      }
    }
  };
  leaves("", config, false, 0);
  return out.sort(([a], [b]) => compareText(a, b));
}
