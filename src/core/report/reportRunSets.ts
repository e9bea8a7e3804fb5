/**
 * What each report selects: the run ids of each of its blocks and the metrics its charts plot,
 * found by the report compiler's own block finder, block parser and run-set resolver (so a diff
 * sees the same run sets as the page). Blocks that do not parse select nothing here; `runfolio
 * check` reports them.
 */
import remarkParse from "remark-parse";
import { unified } from "unified";
import { compileGlob } from "../query/compileGlob.ts";
import { parseBlock } from "./parseBlock.ts";
import type { ParsedReport } from "./parseReport.ts";
import { remarkRunfolioBlocks } from "./prose/remarkRunfolioBlocks.ts";
import { resolveRunSet } from "./resolveRunSet.ts";
import type { Run } from "../run.ts";
import type { RunSetSource } from "../blocks/blockTypes.ts";
import { remarkReportFacts } from "./facts/remarkReportFacts.ts";

export interface BlockRunSet {
  /** `chart "Validation loss" (line 12)`: how the diff names the block. */
  label: string;
  /** Sorted run ids, or null when the block or its expression does not parse. */
  runIds: string[] | null;
}

export interface ReportRunSets {
  blocks: BlockRunSet[];
  /** Every run some block selects, sorted. */
  runIds: string[];
  /** Metrics the report's charts plot, first seen first (its "main metrics"). */
  metrics: string[];
  /** Every run a block selects or a cited value or claim is computed from, sorted (the run pages' backlinks). */
  usedRunIds: string[];
  /** Where each run-set expression is written: the front matter's, then each block's own. */
  sources: RunSetSource[];
}

const FIELD_PREFIX = /^(summary|metrics)\./;

export async function reportRunSets(report: ParsedReport, runs: readonly Run[]): Promise<ReportRunSets> {
  const blocks: BlockRunSet[] = [];
  const metrics: string[] = [];
  const all = new Set<string>();
  const sources: RunSetSource[] = report.defaultRunSet ? [report.defaultRunSet] : [];
  const tree = unified().use(remarkParse).parse(report.body);
  await unified()
    .use(remarkRunfolioBlocks, {
      file: report.meta.file,
      bodyFirstLine: report.bodyFirstLine,
      renderBlock: async (found) => {
        const parsed = parseBlock(found.lang, found.region).block;
        const input = parsed?.input as { title?: unknown; runs?: string; y?: string | string[] } | undefined;
        const title = typeof input?.title === "string" ? ` "${input.title}"` : "";
        const label = `${found.lang}${title} (line ${found.region.firstLine - 1})`;
        if (!parsed) {
          blocks.push({ label, runIds: null });
          return "";
        }
        const own = input?.runs !== undefined ? { expression: input.runs, region: parsed.region, yaml: parsed.yaml, path: ["runs"] } : null;
        if (own) sources.push(own);
        const set = resolveRunSet(own ?? report.defaultRunSet, runs);
        const ids = set.diagnostics.length ? null : set.runs.map((r) => r.id).sort();
        ids?.forEach((id) => all.add(id));
        blocks.push({ label, runIds: ids });
        if (parsed.lang === "chart" && input?.y !== undefined) {
          for (const y of typeof input.y === "string" ? [input.y] : input.y) {
            for (const m of expandMetric(y.replace(FIELD_PREFIX, ""), set.runs)) if (!metrics.includes(m)) metrics.push(m);
          }
        }
        return "";
      },
    })
    .run(tree);
  const used = new Set(all);
  await unified()
    .use(remarkReportFacts, {
      file: report.meta.file,
      body: report.body,
      bodyFirstLine: report.bodyFirstLine,
      runs,
      defaultRunSet: report.defaultRunSet?.expression ?? null,
      hrefForRun: () => "",
      place: () => "",
      onDiagnostics: () => {},
      onRunsUsed: (ids) => ids.forEach((id) => used.add(id)),
    })
    .run(unified().use(remarkParse).parse(report.body));
  return { blocks, runIds: [...all].sort(), metrics, usedRunIds: [...used].sort(), sources };
}

/** `val/*` → the matching summary metrics of the selected runs, sorted; a plain name → itself. */
function expandMetric(name: string, runs: readonly Run[]): string[] {
  if (!/[*?]/.test(name)) return [name];
  const re = compileGlob(name);
  const found = new Set<string>();
  for (const run of runs) for (const key of Object.keys(run.summary)) if (re.test(key)) found.add(key);
  return [...found].sort();
}
