import { compareText } from "../format/compareText.ts";
import MiniSearch from "minisearch";
import type { Run } from "../run.ts";
import { searchIndexOptions, type SearchDoc } from "./searchOptions.ts";

export interface SearchableReport {
  slug: string;
  title: string;
  description: string | null;
  authors: readonly string[];
  /** Plain text of the body (see `markdownText`). */
  text: string;
  href: string;
}

/** A report's search document. */
export function reportDoc(r: SearchableReport): SearchDoc {
  return {
    id: `report:${r.slug}`,
    kind: "report",
    title: r.title,
    subtitle: r.description ?? "",
    href: r.href,
    meta: [r.description ?? "", r.authors.join(" ")].filter(Boolean).join(" "),
    text: r.text,
    config: "",
  };
}

/** A run's search document: name, project, group, tags, notes, config keys and values. */
export function runDoc(run: Run, href: string): SearchDoc {
  return {
    id: `run:${run.id}`,
    kind: "run",
    title: run.name,
    subtitle: [run.project, run.group, run.state].filter(Boolean).join(" · "),
    href,
    meta: [run.id, run.project, run.group ?? "", ...run.tags].filter(Boolean).join(" "),
    text: run.notes ?? "",
    config: configLines(run.config).join("\n"),
  };
}

/** `{optimizer: {lr: 3e-4}}` → `optimizer.lr 0.0003` (keys sorted, so builds are stable). */
export function configLines(config: unknown, prefix = ""): string[] {
  if (config === null || typeof config !== "object") return prefix ? [`${prefix} ${String(config)}`] : [];
  if (Array.isArray(config)) {
    return config.every((v) => v === null || typeof v !== "object")
      ? [`${prefix} ${config.map(String).join(" ")}`]
      : config.flatMap((v, i) => configLines(v, `${prefix}.${i}`));
  }
  const entries = Object.entries(config as Record<string, unknown>).sort(([a], [b]) => compareText(a, b));
  return entries.flatMap(([k, v]) => configLines(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * The serialised MiniSearch index of every document, in id order, so the same reports and runs
 * give the same bytes. The browser loads it with `MiniSearch.loadJSON(json, searchIndexOptions)`.
 */
export function buildSearchIndex(docs: readonly SearchDoc[]): string {
  const sorted = [...docs].sort((a, b) => compareText(a.id, b.id));
  const index = new MiniSearch<SearchDoc>(searchIndexOptions);
  index.addAll(sorted);
  return JSON.stringify(index);
}
