import matter from "gray-matter";
import { z } from "zod";
import { didYouMean, type Diagnostic } from "../diagnostics.ts";
import { reportMessages } from "../blocks/messages.ts";
import { describeSchemaIssues } from "../yaml/describeSchemaIssues.ts";
import { parseYamlWithPositions, type ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import { MAX_ALIAS_VALUES } from "../yaml/yamlToValue.ts";
import { MAX_NESTING } from "../ownRecord.ts";
import { TEXT_LIMITS, clipText } from "../runs/textLimits.ts";
import { MAX_BRACKET_NESTING, MAX_DELIMITER_RUN, MAX_PROSE_NESTING, findProseLimitProblem } from "../format/proseLimits.ts";
import type { RunSetSource } from "../blocks/blockTypes.ts";

const frontMatterSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  date: z.string().optional(),
  authors: z.union([z.string(), z.array(z.string())], { error: "a name or a list of names" }).optional(),
  runs: z.string().optional(),
  draft: z.boolean().optional(),
});

export interface ReportMeta {
  slug: string;
  file: string;
  title: string;
  description: string | null;
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  authors: string[];
  draft: boolean;
  /** The default run-set expression text, or null. */
  runs: string | null;
}

export interface ParsedReport {
  meta: ReportMeta;
  /** Markdown after the front matter. */
  body: string;
  /** File line (1-based) of the body's first line. */
  bodyFirstLine: number;
  /** Where the front matter's `runs` is written, for errors in the default run set. */
  defaultRunSet: RunSetSource | null;
  diagnostics: Diagnostic[];
}

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** `reports/<slug>.md` text → metadata, body and every front-matter problem with its position. */
export function parseReport(file: string, source: string): ParsedReport {
  // Line breaks become \n (line numbers stay the same) so YAML values never end in a stray \r.
  const text = (source.charCodeAt(0) === 0xfeff ? source.slice(1) : source).replace(/\r\n?/g, "\n");
  const slug = file.replace(/^.*\//, "").replace(/\.md$/i, "");
  // gray-matter would hand front matter opened by `---js` to eval and `---toml` to an engine it
  // lacks (a throw): front matter is YAML, so the word is dropped (line numbers stay) and reported.
  const seen = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // gray-matter drops one more BOM
  const language = /^---([^\n-][^\n]*)/.exec(seen)?.[1]!.trim() ?? "";
  const foreign = language !== "" && !/^ya?ml$/i.test(language);
  const lineEnd = seen.indexOf("\n");
  const split = matter(language === "" ? text : `---${lineEnd < 0 ? "" : seen.slice(lineEnd)}`, { engines: { yaml: () => ({}) } });
  const bodyOffset = text.length - split.content.length;
  const bodyFirstLine = countLines(text.slice(0, bodyOffset)) + 1;
  const region: TextRegion = { file, text: split.matter ?? "", firstLine: 1, indent: 0 };
  const diagnostics: Diagnostic[] = [];
  const fallbackTitle = slug;
  if (!SLUG.test(slug)) diagnostics.push({ file, line: 1, column: 1, severity: "error", ...reportMessages.badSlug(slug) });
  if (foreign) diagnostics.push({ file, line: 1, column: 4, severity: "error", ...reportMessages.yamlSyntax(`front matter is read as YAML; the language "${language}" after the opening --- is not supported`) });

  const yaml: ParsedYaml = parseYamlWithPositions(region.text);
  let data: Record<string, unknown> = {};
  if (yaml.errors.length) {
    for (const e of yaml.errors) {
      const msg = e.kind === "depth" ? reportMessages.tooDeep(MAX_NESTING) : e.kind === "aliases" ? reportMessages.tooManyAliasValues(e.alias ?? "", MAX_ALIAS_VALUES) : reportMessages.yamlSyntax(e.message);
      diagnostics.push(regionDiagnostic(region, e, msg));
    }
  } else if (yaml.value && typeof yaml.value === "object" && !Array.isArray(yaml.value)) {
    data = yaml.value as Record<string, unknown>;
  }
  const result = frontMatterSchema.safeParse(data);
  if (!result.success && !yaml.errors.length) {
    for (const p of describeSchemaIssues(frontMatterSchema, data, result.error.issues)) {
      if (p.kind === "unknownKey") {
        diagnostics.push(regionDiagnostic(region, yaml.locateKey(p.path), reportMessages.unknownKey(p.key, didYouMean(p.key, p.known), p.known)));
      } else if (p.kind === "missingKey" && p.key === "title") {
        diagnostics.push({ file, line: 1, column: 1, severity: "error", ...reportMessages.missingTitle() });
      } else if (p.kind === "wrongType" || p.kind === "badChoice" || p.kind === "outOfRange") {
        const expected = p.kind === "wrongType" ? p.expected : "a valid value";
        diagnostics.push(regionDiagnostic(region, yaml.locateValue(p.path), reportMessages.wrongType(p.key, expected, p.found)));
      }
    }
  }
  const ok = result.success ? result.data : undefined;
  const date = typeof data.date === "string" ? data.date : null;
  if (date !== null && !DATE.test(date)) {
    diagnostics.push(regionDiagnostic(region, yaml.locateValue(["date"]), reportMessages.badDate(date)));
  }
  const long = { title: TEXT_LIMITS.name, description: TEXT_LIMITS.notes } as const;
  for (const key of ["title", "description"] as const) {
    const v = data[key];
    if (typeof v === "string" && v.length > long[key]) diagnostics.push(regionDiagnostic(region, yaml.locateValue([key]), reportMessages.longText(key, v.length, long[key]), "warning"));
  }
  // The markdown parser would take minutes or overflow the stack on these: nothing reads the body then.
  let body = split.content;
  const prose = findProseLimitProblem(body);
  if (prose) {
    const bodyRegion: TextRegion = { file, text: body, firstLine: bodyFirstLine, indent: 0 };
    const msg =
      prose.kind === "nesting"
        ? reportMessages.proseTooDeep("containers", MAX_PROSE_NESTING)
        : prose.kind === "brackets"
          ? reportMessages.proseTooDeep("brackets", MAX_BRACKET_NESTING)
          : reportMessages.delimiterRun(prose.char, prose.length, MAX_DELIMITER_RUN);
    diagnostics.push(regionDiagnostic(bodyRegion, prose, msg));
    body = "";
  }
  const authors = ok?.authors === undefined ? [] : typeof ok.authors === "string" ? [ok.authors] : ok.authors;
  const runs = typeof ok?.runs === "string" ? ok.runs : null;
  return {
    meta: {
      slug,
      file,
      title: clipText(ok?.title ?? (typeof data.title === "string" ? data.title : fallbackTitle), TEXT_LIMITS.name),
      description: ok?.description === undefined ? null : clipText(ok.description, TEXT_LIMITS.notes),
      date: date && DATE.test(date) ? date.slice(0, 10) : null,
      authors,
      draft: ok?.draft ?? false,
      runs,
    },
    body,
    bodyFirstLine,
    defaultRunSet: runs !== null ? { expression: runs, region, yaml, path: ["runs"] } : null,
    diagnostics,
  };
}

function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}
