/*
 * The report compiler's entry point. A report goes through these phases (docs/architecture.md,
 * "Compiling a report", numbers them the same way):
 *
 *   ParsedReport                          1. front matter: parseReport.ts, before this module
 *     │
 *     ├─ remark-parse + GFM ─▶ mdast
 *     │    ├─ 2. facts:  facts/remarkReportFacts.ts — `{{ … }}` cited values and ```check claims,
 *     │    │            evaluated against the runs; their HTML is placed like a block's
 *     │    └─ 2. blocks: prose/remarkRunfolioBlocks.ts — each fenced block:
 *     │                 parseBlock.ts (YAML → schema, every problem, the valid part kept)
 *     │                 3. resolve runs: resolveRunSet.ts (run-set expression → runs)
 *     │                 4. compile: renderBlock.ts → renderChartBlock.ts (chart/kinds registry),
 *     │                    renderRunsBlock.ts, renderCompareBlock.ts, renderVegaLiteBlock.ts
 *     │                 → a NUL-delimited marker in the tree; a failing block → an error box
 *     ├─ 5. prose: remark-rehype → rehype-raw → rehypeSanitizeProse (warnings) → rehype-slug
 *     │            → rehypeUserContentLinks → HTML string
 *     └─ 6. render: markers replaced by the blocks' HTML (static SVG, legend, payload)
 *     ▼
 *   CompiledReport { html, blocks (kind, id, runIds, svg, payload…), text, runIds, scripts, diagnostics }
 */
import type { Root as MdastRoot } from "mdast";
import rehypeRaw from "rehype-raw";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { runSetSyntaxDiagnostics } from "./resolveRunSet.ts";
import { parseBlock, type ParsedBlock } from "./parseBlock.ts";
import { compareText } from "../format/compareText.ts";
import { DEFAULT_CHART_KIND } from "../chart/kinds/registry.ts";
import type { Diagnostic } from "../diagnostics.ts";
import type { History, Run } from "../run.ts";
import { compareDiagnostics, formatDiagnostic, hasErrors } from "../diagnostics.ts";
import type { ParsedReport } from "./parseReport.ts";
import { renderBlock, type BlockContext, type LineChartSource } from "./renderBlock.ts";
import type { BlockScript, BlockShows, RenderedBlock } from "../blocks/blockTypes.ts";
import type { BlockLang } from "../blocks/blockSchemas.ts";
import { markdownText } from "../search/markdownText.ts";
import { renderBlockError } from "../render/renderChartFigure.ts";
import { remarkRunfolioBlocks } from "./prose/remarkRunfolioBlocks.ts";
import { blockMessages, reportMessages } from "../blocks/messages.ts";
import { regionDiagnostic } from "../yaml/textRegion.ts";
import { proseSchema, USER_CONTENT_PREFIX } from "./prose/proseSchema.ts";
import { rehypeSanitizeProse, type Removal } from "./prose/rehypeSanitizeProse.ts";
import { rehypeUserContentLinks } from "./prose/rehypeUserContentLinks.ts";
import { removalDiagnostics } from "./prose/removalDiagnostics.ts";
import { remarkReportFacts } from "./facts/remarkReportFacts.ts";
import { moveChartPayloads } from "./blockDataFiles.ts";

/** One block as it made it into the page: what it shows as data, and its HTML. */
export interface CompiledBlock extends BlockShows {
  lang: BlockLang;
  /** The chart kind of a `chart` block (`line`, `scatter`, `scalar`…); the fence's language otherwise. */
  kind: string;
  /** The block's whole markup in the page (a figure, a table, a comparison). */
  html: string;
}

/**
 * A report compiled: the page's HTML, and as data what it holds, so that pages, embeds, previews,
 * search and counts read it instead of parsing the HTML back.
 */
export interface CompiledReport {
  /** The body as it stands in the page: prose and blocks (a failing block as an error box). */
  html: string;
  diagnostics: Diagnostic[];
  /** Every block drawn without errors, in page order (render: false compiles none). */
  blocks: CompiledBlock[];
  /** The prose as plain text with the blocks' titles, for search and summaries. */
  text: string;
  /** Every run a block shows, in code-point order of id. */
  runIds: string[];
  /** Which page scripts the page needs (any block brings them to life). */
  scripts: ReadonlySet<Exclude<BlockScript, null>>;
  /** The line charts in the page, in order: the site publishes each one's logged points as CSV. */
  lineCharts: LineChartSource[];
}

export interface CompileReportOptions {
  /**
   * Keep raw HTML in the prose as written, scripts and event handlers included, and every URL.
   * Only for sites whose every report author is trusted. Default: false (prose is sanitized and
   * each kind of removal is a warning).
   */
  allowHtml?: boolean;
}

/** Compiles a parsed report against the runs, in the phases drawn at the top of this module. */
export async function compileReport(
  report: ParsedReport,
  ctx: Omit<BlockContext, "defaultRunSet">,
  options: CompileReportOptions = {},
): Promise<CompiledReport> {
  const allowHtml = options.allowHtml ?? false;
  const diagnostics: Diagnostic[] = [...report.diagnostics];
  // Blocks and citations report a broken default run set where they use it (deduplicated below);
  // one nothing uses is still an error in what the author wrote.
  if (report.defaultRunSet) diagnostics.push(...runSetSyntaxDiagnostics(report.defaultRunSet));
  const compiled: CompiledBlock[] = [];
  const lineCharts: LineChartSource[] = [];
  const blocks: string[] = [];
  // Reads of one run and set of columns under way at once are shared. A finished read is not
  // kept: a grouped chart over every run holds one run at a time (groupedLineSeries.ts), and a
  // history read again comes from the loader's byte-bounded cache.
  const histories = new Map<string, Promise<History>>();
  const readHistory = (run: Run, metrics?: readonly string[]): Promise<History> => {
    const key = `${run.id}\u0000${metrics ? metrics.join("\u0000") : "*"}`;
    let read = histories.get(key);
    if (!read) {
      const started = ctx.readHistory(run, metrics);
      read = started.finally(() => histories.delete(key));
      histories.set(key, read);
    }
    return read;
  };
  const place = (html: string): string => `\u0000${blocks.push(html) - 1}\u0000`;
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkReportFacts, { file: report.meta.file, body: report.body, bodyFirstLine: report.bodyFirstLine, runs: ctx.runs, defaultRunSet: report.defaultRunSet?.expression ?? null, hrefForRun: ctx.hrefForRun, place, onDiagnostics: (list) => diagnostics.push(...list) })
    .use(remarkRunfolioBlocks, {
      file: report.meta.file,
      bodyFirstLine: report.bodyFirstLine,
      async renderBlock(found) {
        const parsed = parseBlock(found.lang, found.region);
        let out: RenderedBlock;
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
        } finally {
          histories.clear();
        }
        diagnostics.push(...out.diagnostics);
        // A marker goes through the markdown pipeline instead of the block's (often megabytes
        // of) HTML, which is put in after: the sanitizer never sees the project's own markup.
        // NUL never occurs in parsed markdown text.
        if (hasErrors(out.diagnostics) || !out.html) {
          blocks.push(renderBlockError(found.lang, out.diagnostics.map(formatDiagnostic)));
        } else {
          if (out.lineChart) lineCharts.push(out.lineChart);
          const html = ctx.dataFile ? moveChartPayloads(out.html, ctx.dataFile) : out.html;
          if (out.shows) compiled.push({ ...out.shows, lang: found.lang, kind: blockKind(parsed.block), html });
          blocks.push(html);
        }
        return `\u0000${blocks.length - 1}\u0000`;
      },
    })
    .use(blockMarkersAsText)
    // Sanitizing prefixes every id itself, footnotes' included (rehypeUserContentLinks mends their links).
    .use(remarkRehype, { allowDangerousHtml: true, ...(allowHtml ? {} : { clobberPrefix: "" }) })
    .use(
      allowHtml
        ? []
        : [
            rehypeRaw,
            [
              rehypeSanitizeProse,
              {
                schema: proseSchema,
                onRemoved: (removals: Removal[]) => {
                  diagnostics.push(...removalDiagnostics(removals, { file: report.meta.file, text: report.body, firstLine: report.bodyFirstLine, indent: 0 }));
                },
              },
            ],
          ],
    )
    .use(rehypeSlug)
    .use(allowHtml ? [] : [[rehypeUserContentLinks, { prefix: USER_CONTENT_PREFIX }]])
    .use(rehypeStringify, { allowDangerousHtml: allowHtml });
  let processed: string;
  try {
    processed = String(await processor.process(report.body));
  } catch (e) {
    // The libraries under the pipeline recurse per level of nesting (a few thousand unclosed
    // `<div>`s overflow the stack): the report fails with an error instead of the build.
    if (!(e instanceof RangeError)) throw e;
    diagnostics.push({ file: report.meta.file, line: report.bodyFirstLine, column: 1, severity: "error", ...reportMessages.proseTooComplex(e.message) });
    processed = "";
  }
  const html = processed.replace(/\u0000(\d+)\u0000/g, (_, i: string) => blocks[Number(i)]!);
  return {
    html,
    // In file order, as `runfolio check` lists them (a broken front-matter `runs` is found by the first block that uses it).
    diagnostics: dedupe(diagnostics).sort(compareDiagnostics),
    blocks: compiled,
    text: markdownText(report.body),
    runIds: [...new Set(compiled.flatMap((b) => b.runIds))].sort(compareText),
    scripts: new Set(compiled.flatMap((b) => (b.script ? [b.script] : []))),
    lineCharts,
  };
}

function blockKind(block: ParsedBlock | null): string {
  if (!block) return "";
  return block.lang === "chart" ? (block.input.kind ?? DEFAULT_CHART_KIND) : block.lang;
}

/**
 * Block markers as text, not raw HTML: parsing raw HTML (rehype-raw) would drop their NULs, and
 * text passes the parser and the sanitizer untouched.
 */
function blockMarkersAsText() {
  return (tree: MdastRoot): void => {
    visit(tree, "html", (node, index, parent) => {
      if (parent && index !== undefined && /^\u0000\d+\u0000$/.test(node.value)) {
        parent.children[index] = { type: "text", value: node.value, ...(node.position ? { position: node.position } : {}) };
      }
    });
  };
}

// A broken front-matter `runs` is reported by every block that uses it; list it once.
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The charts of a compiled report (figures the chart script hydrates), in page order: embeds, previews. */
export function chartBlocks(report: Pick<CompiledReport, "blocks">): CompiledBlock[] {
  return report.blocks.filter((b) => b.script === "line" || b.script === "vega");
}
