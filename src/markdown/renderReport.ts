import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { parseBlock } from "../core/blocks/parseBlock.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import type { History, Run } from "../core/run.ts";
import { compareDiagnostics, formatDiagnostic, hasErrors } from "../core/diagnostics.ts";
import type { ParsedReport } from "../core/report/parseReport.ts";
import { renderBlock, type BlockContext, type LineChartSource } from "../core/report/renderBlock.ts";
import { renderBlockError } from "../core/render/renderChartFigure.ts";
import { remarkRunfolioBlocks } from "./remarkRunfolioBlocks.ts";
import { blockMessages } from "../core/blocks/messages.ts";
import { regionDiagnostic } from "../core/yaml/textRegion.ts";

export interface RenderedReport {
  html: string;
  diagnostics: Diagnostic[];
  /** Whether any chart made it into the page (the page then loads the chart script). */
  hasCharts: boolean;
  /** The line charts in the page, in order: the site publishes each one's logged points as CSV. */
  lineCharts: LineChartSource[];
}

/**
 * Report compilation, in order: the front matter was read by `parseReport`; here the markdown
 * is parsed, each block is parsed, its runs resolved, compiled and rendered in place, and the
 * tree becomes HTML. A failing block becomes an error box; its diagnostics are returned.
 */
export async function renderReport(report: ParsedReport, ctx: Omit<BlockContext, "defaultRunSet">): Promise<RenderedReport> {
  const diagnostics: Diagnostic[] = [...report.diagnostics];
  let hasCharts = false;
  const lineCharts: LineChartSource[] = [];
  const blocks: string[] = [];
  // One read per run for the whole report: charts of the same runs then share it (a read is at
  // least a stat of the file, once per chart and run otherwise).
  const histories = new Map<Run, Promise<History>>();
  const readHistory = (run: Run): Promise<History> => {
    let read = histories.get(run);
    if (!read) histories.set(run, (read = ctx.readHistory(run)));
    return read;
  };
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRunfolioBlocks, {
      file: report.meta.file,
      bodyFirstLine: report.bodyFirstLine,
      async renderBlock(found) {
        const parsed = parseBlock(found.lang, found.region);
        let out: { html: string; diagnostics: Diagnostic[]; lineChart?: LineChartSource };
        try {
          // A block with schema errors is still checked (what passed, against the runs), never drawn.
          const block = parsed.block ?? parsed.partial;
          const checked = block
            ? await renderBlock(block, found.index, { ...ctx, render: ctx.render && parsed.block !== null, readHistory, defaultRunSet: report.defaultRunSet })
            : { html: "", diagnostics: [] };
          out = { ...checked, diagnostics: [...parsed.diagnostics, ...checked.diagnostics].sort(compareDiagnostics) };
        } catch (e) {
          // One block's failure must not take the page down: it becomes that block's diagnostic.
          out = { html: "", diagnostics: [...parsed.diagnostics, regionDiagnostic(found.region, undefined, blockMessages.blockFailed(e instanceof Error ? e.message : String(e)))] };
        }
        diagnostics.push(...out.diagnostics);
        if (hasErrors(out.diagnostics) || !out.html) {
          return renderBlockError(found.lang, out.diagnostics.map(formatDiagnostic));
        }
        if (found.lang === "chart" || found.lang === "vega-lite") hasCharts = true;
        if (out.lineChart) lineCharts.push(out.lineChart);
        // A marker goes through the markdown pipeline instead of the block's (often megabytes
        // of) HTML, which is put in after; NUL never occurs in parsed markdown text.
        blocks.push(out.html);
        return `\u0000${blocks.length - 1}\u0000`;
      },
    })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeSlug)
    .use(rehypeStringify, { allowDangerousHtml: true });
  const html = String(await processor.process(report.body)).replace(/\u0000(\d+)\u0000/g, (_, i: string) => blocks[Number(i)]!);
  // In file order, as `runfolio check` lists them (a broken front-matter `runs` is found by the first block that uses it).
  return { html, diagnostics: dedupe(diagnostics).sort(compareDiagnostics), hasCharts, lineCharts };
}

// A broken front-matter `runs` is reported by every block that uses it; list it once.
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
