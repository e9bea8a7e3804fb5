/**
 * Remark plugin for the report's facts: values cited in prose (`{{ … }}` in text, never in inline
 * or fenced code) and ```` ```check ```` blocks of claims. Each becomes HTML that the report
 * compiler puts in after sanitizing (`place` returns the marker that stands for it), and each
 * problem a positioned diagnostic. A citation preceded by a backslash (`\{{`) stays text.
 */
import type { Code, Root, Text } from "mdast";
import { visit, SKIP } from "unist-util-visit";
import type { Diagnostic } from "../../diagnostics.ts";
import { escapeHtml } from "../../render/escapeHtml.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic, type TextRegion } from "../../yaml/textRegion.ts";
import { evaluateCitation, type CitationScope } from "./evaluateCitation.ts";
import { evaluateInlineClaim } from "./evaluateInlineClaim.ts";
import { factMessages } from "./factMessages.ts";
import { parseCitation, type CitationProblem } from "./parseCitation.ts";
import { isInlineClaim, parseInlineClaim } from "./parseInlineClaim.ts";
import { checkClaims, renderClaims } from "./checkClaims.ts";
import { codeBodyRegion } from "../codeBodyRegion.ts";

export interface ReportFactsOptions {
  file: string;
  /** The markdown body as written (positions are looked up in it). */
  body: string;
  bodyFirstLine: number;
  runs: readonly Run[];
  /** The report's front-matter `runs` expression, or null. */
  defaultRunSet: string | null;
  hrefForRun: (runId: string) => string;
  /** Stores HTML to put in after sanitizing; returns the text marker that stands for it. */
  place: (html: string) => string;
  onDiagnostics: (list: Diagnostic[]) => void;
  /** Every run a cited value or claim was computed from. */
  onRunsUsed?: (runIds: readonly string[]) => void;
}

const CITATION = /\{\{([\s\S]*?)\}\}/g;

export function remarkReportFacts(options: ReportFactsOptions) {
  const region: TextRegion = { file: options.file, text: options.body, firstLine: options.bodyFirstLine, indent: 0 };
  const scope: CitationScope = { runs: options.runs, defaultRunSet: options.defaultRunSet };
  return (tree: Root): void => {
    const diagnostics: Diagnostic[] = [];
    visit(tree, (node, index, parent) => {
      if (node.type === "code" && (node as Code).lang === "check" && parent && index !== undefined) {
        const code = node as Code;
        const blockRegion = codeBodyRegion(options.file, options.bodyFirstLine, code, options.body);
        const checked = checkClaims(blockRegion, scope);
        diagnostics.push(...checked.diagnostics);
        options.onRunsUsed?.(checked.runIds);
        parent.children[index] = { type: "text", value: options.place(renderClaims(checked.claims, checked.diagnostics)) } as Text;
        return SKIP;
      }
      if (node.type === "link" || node.type === "linkReference") return SKIP;
      if (node.type !== "text" || !parent || index === undefined) return;
      const text = node as Text;
      if (!text.value.includes("{{")) return;
      const pieces = citeText(text, region, scope, options, diagnostics);
      if (pieces) {
        parent.children.splice(index, 1, ...pieces);
        return index + pieces.length;
      }
    });
    options.onDiagnostics(diagnostics);
  };
}

/** The `{{ … }}` spans of the node's source, at their source offsets; escaped ones left out. */
function sourceCitations(text: Text, body: string): { inner: string; offset: number }[] {
  const start = text.position?.start.offset;
  const end = text.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const source = body.slice(start, end);
  return [...source.matchAll(CITATION)].filter((m) => source[m.index - 1] !== "\\").map((m) => ({ inner: m[1]!, offset: start + m.index + 2 }));
}

function citeText(text: Text, region: TextRegion, scope: CitationScope, options: ReportFactsOptions, diagnostics: Diagnostic[]): Text[] | null {
  const inSource = sourceCitations(text, options.body);
  const pieces: Text[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.value.matchAll(CITATION)) {
    // Only what the author wrote as a citation counts: an escaped `\{{` (or braces from an entity) is text.
    const at = inSource.findIndex((s, i) => i >= k && s.inner === m[1]);
    if (at < 0) continue;
    k = at + 1;
    const html = factHtml(m[1]!, inSource[at]!.offset, m[0], region, scope, options, diagnostics);
    if (html === null) continue;
    if (m.index > last) pieces.push({ type: "text", value: text.value.slice(last, m.index) });
    pieces.push({ type: "text", value: options.place(html) });
    last = m.index + m[0].length;
  }
  if (pieces.length === 0) return null;
  if (last < text.value.length) pieces.push({ type: "text", value: text.value.slice(last) });
  return pieces;
}

/** The HTML standing for one `{{ … }}`: a cited value, an inline claim's mark, or an error mark; null to leave it as text. */
function factHtml(inner: string, offset: number, written: string, region: TextRegion, scope: CitationScope, options: ReportFactsOptions, diagnostics: Diagnostic[]): string | null {
  const errorMark = (failure: CitationProblem): string => {
    const d = regionDiagnostic(region, { offset: failure.offset, length: failure.length }, failure.message);
    diagnostics.push(d);
    return `<mark class="rf-block-error" role="alert" title="${escapeHtml(`${d.code}: ${d.message}`)}">${escapeHtml(written)}</mark>`;
  };
  if (isInlineClaim(inner)) {
    const parsed = parseInlineClaim(inner, offset);
    if ("problem" in parsed) return errorMark(parsed.problem);
    const outcome = evaluateInlineClaim(parsed.claim, scope);
    if (outcome === null) return null;
    if ("problem" in outcome) return errorMark(outcome.problem);
    const { claim } = parsed;
    const { holds, detail, title, runIds } = outcome.checked;
    options.onRunsUsed?.(runIds);
    if (!holds) diagnostics.push(regionDiagnostic(region, { offset: claim.offset, length: claim.length }, factMessages.claimFails(claim.source, detail)));
    return `<span class="rf-claim-inline rf-claim-${holds ? "holds" : "fails"}" role="img" aria-label="${escapeHtml(title)}" title="${escapeHtml(title)}">${holds ? "✓" : "✗"}</span>`;
  }
  const parsed = parseCitation(inner, offset);
  if ("problem" in parsed) return errorMark(parsed.problem);
  const evaluated = evaluateCitation(parsed.citation, scope);
  if (evaluated === null) return null;
  if ("problem" in evaluated) return errorMark(evaluated.problem);
  const v = evaluated.value;
  options.onRunsUsed?.(v.runIds);
  return v.runId
    ? `<a class="rf-cite" href="${escapeHtml(options.hrefForRun(v.runId))}" title="${escapeHtml(v.title)}">${escapeHtml(v.text)}</a>`
    : `<span class="rf-cite" title="${escapeHtml(v.title)}">${escapeHtml(v.text)}</span>`;
}
