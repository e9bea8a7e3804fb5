/**
 * MLflow artifacts brought into the run folder: images (`log_image`'s step-keyed files
 * `images/<key>%step%<n>%timestamp%<ms>%<uuid>.png` — `+` as the separator in newer MLflow, `#`
 * for `/` in the key — and any other image artifact, at the run's last step) → media; `log_table`
 * JSON (`{"columns": [...], "data": [[...]]}`) → tables/<name>.jsonl. Model folders (with an
 * `MLmodel` file) are left alone: their JSON is an input example, not a result.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { baseName, dirName, isUnder, textOf, type ImportFile } from "./importFile.ts";
import { mediaExtension, RunFilesBuilder, type RunFileContent } from "./runFiles.ts";
import { plainCell, readTableJson, uniqueColumns } from "./tableJson.ts";

const LOG_IMAGE = /^(.+?)[%+]step[%+](\d+)[%+]timestamp[%+]\d+[%+][0-9A-Fa-f-]+([%+]compressed)?$/;

export interface ArtifactsPart {
  files: Record<string, RunFileContent> | null;
  /** Artifacts brought across (the rest stay counted as skipped). */
  used: Set<string>;
  /** `log_image`'s compressed thumbnails: copies of an image that is imported. */
  compressed: number;
  diagnostics: Diagnostic[];
}

/** `artifacts` are the run's files under `<run>/artifacts/`; `rel` gives a path relative to that folder. */
export function readArtifacts(artifacts: readonly ImportFile[], rel: (f: ImportFile) => string, lastStep: number): ArtifactsPart {
  const out = new RunFilesBuilder();
  const used = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  let compressed = 0;
  const modelDirs = artifacts.filter((f) => baseName(f.path) === "MLmodel").map((f) => dirName(f.path));
  const inModel = (f: ImportFile): boolean => modelDirs.some((d) => isUnder(f.path, d));
  for (const f of artifacts) {
    if (inModel(f)) continue;
    const path = rel(f);
    const ext = mediaExtension(path);
    if (ext && f.bytes) {
      const stem = baseName(path).slice(0, -(ext.length + 1));
      const m = LOG_IMAGE.exec(stem);
      if (m && m[3]) {
        compressed++;
        used.add(f.path);
        continue;
      }
      const key = m ? m[1]!.replaceAll("#", "/") : path.slice(0, -(ext.length + 1));
      out.addMedia(key, m ? Number(m[2]) : lastStep, ext, f.bytes);
      used.add(f.path);
      continue;
    }
    if (!/\.json$/i.test(path)) continue;
    const text = textOf(f);
    if (text === undefined || !/"columns"/.test(text) || !/"data"/.test(text)) continue;
    const r = readTableJson(f.path, text);
    if (!r.ok) {
      // A JSON artifact is not necessarily a table: only a file that is one is imported.
      if (r.diagnostic.code !== "IMP047") diagnostics.push({ ...r.diagnostic, severity: "warning" });
      continue;
    }
    const names = uniqueColumns(r.table.columns);
    out.addTableRows(path.slice(0, -".json".length), r.table.data.map((cells) => Object.fromEntries(cells.map((c, i) => [names[i]!, plainCell(c)]))));
    used.add(f.path);
  }
  return { files: out.isEmpty() ? null : out.files(), used, compressed, diagnostics };
}
