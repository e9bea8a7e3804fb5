/**
 * Chooses the importer(s) for a folder from its file listing. Formats are tried in a fixed order
 * (most specific layout first); each chosen format claims the folders its runs live in, and later
 * formats only see the files outside them, so an MLflow store's TensorBoard artifacts or a
 * Lightning folder's CSV are not imported twice.
 */
import { detectDvc } from "./dvc.ts";
import { detectHf } from "./hf.ts";
import { baseName, dirName, isUnder } from "./importFile.ts";
import { detectKeras } from "./keras.ts";
import { detectLightning, isLightningMetrics } from "./lightning.ts";
import { detectMlflow, mlflowClaims } from "./mlflow.ts";
import { detectWandbCsv } from "./wandbCsv.ts";

export const FORMATS = ["wandb", "wandb-csv", "mlflow", "hf", "lightning", "keras", "tensorboard", "dvc", "log"] as const;
export type FormatId = (typeof FORMATS)[number];

export function isFormatId(s: string): s is FormatId {
  return (FORMATS as readonly string[]).includes(s);
}

export interface DetectedFormat {
  format: FormatId;
  /** The listing's paths this format reads (those under the folders it claimed). */
  paths: string[];
}

const TFEVENTS = /(^|\/)events\.out\.tfevents\.[^/]+$/;

export function detectWandb(paths: readonly string[]): boolean {
  return paths.some((p) => /\.wandb$/.test(p) || ["wandb-summary.json", "wandb-history.jsonl"].includes(baseName(p)));
}

export function detectTensorboard(paths: readonly string[]): boolean {
  return paths.some((p) => TFEVENTS.test(p));
}

/** The folders a format's runs live in (`""` is the whole listing). */
function claims(format: FormatId, paths: readonly string[], head?: (path: string) => string | undefined): string[] {
  const dirs = (pred: (p: string) => boolean, map: (p: string) => string = dirName): string[] => [...new Set(paths.filter(pred).map(map))];
  switch (format) {
    case "mlflow":
      return mlflowClaims(paths);
    case "hf":
      return dirs((p) => ["trainer_state.json", "all_results.json", "train_results.json", "eval_results.json", "test_results.json", "predict_results.json"].includes(baseName(p)), (p) => {
        const d = dirName(p);
        return /^(last-checkpoint|checkpoint-\d+)$/.test(baseName(d)) ? dirName(d) : d;
      });
    case "lightning":
      return dirs((p) => isLightningMetrics(p, paths, head));
    case "dvc": {
      const roots = dirs((p) => ["dvc.yaml", "params.yaml"].includes(baseName(p)));
      return roots.length > 0 ? roots : [""];
    }
    case "wandb":
      return dirs((p) => /\.wandb$/.test(p) || ["wandb-summary.json", "wandb-history.jsonl", "wandb-metadata.json"].includes(baseName(p)), (p) => {
        const d = dirName(p);
        return baseName(d) === "files" ? dirName(d) : d;
      });
    case "tensorboard":
      return dirs((p) => TFEVENTS.test(p));
    default:
      return [""];
  }
}

const AUTO_ORDER: { format: FormatId; detect: (paths: readonly string[], head?: (p: string) => string | undefined) => boolean }[] = [
  { format: "mlflow", detect: detectMlflow },
  { format: "wandb", detect: detectWandb },
  { format: "hf", detect: detectHf },
  { format: "lightning", detect: detectLightning },
  { format: "dvc", detect: detectDvc },
  { format: "tensorboard", detect: detectTensorboard },
  { format: "wandb-csv", detect: detectWandbCsv },
  { format: "keras", detect: detectKeras },
];

/**
 * The formats found in `paths`, each with the paths it should read. `head(path)` returns a file's
 * first line (CSV headers tell W&B exports from Keras logs); without it CSVs are judged by name.
 * Plain logs are never detected: they need a pattern (`--format log --pattern …`).
 */
export function detectFormat(paths: readonly string[], head?: (path: string) => string | undefined): DetectedFormat[] {
  let rest = [...paths];
  const found: DetectedFormat[] = [];
  for (const { format, detect } of AUTO_ORDER) {
    if (rest.length === 0) break;
    if (!detect(rest, head)) continue;
    if (format === "wandb-csv" || format === "keras") {
      // File formats: each CSV they recognise is theirs; the others stay for the next format.
      const mine = rest.filter((p) => detect([p], head));
      found.push({ format, paths: mine });
      rest = rest.filter((p) => !mine.includes(p));
      continue;
    }
    const claimed = claims(format, rest, head);
    found.push({ format, paths: rest.filter((p) => claimed.some((d) => isUnder(p, d))) });
    rest = rest.filter((p) => !claimed.some((d) => isUnder(p, d)));
  }
  return found;
}
