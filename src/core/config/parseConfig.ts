/**
 * runfolio.config.json: the site's settings for a repository without Astro files of its own.
 * Phases: JSON (positional, for line:column) → unknown keys → zod types → formats (base, accent,
 * repository) → `ResolvedConfig`, with every default in `DEFAULT_CONFIG`. Never throws: a bad
 * value is a diagnostic and its default is used, so the dev server still runs.
 */
import { z } from "zod";
import { compareDiagnostics, didYouMean, type Diagnostic } from "../diagnostics.ts";
import { FileDiagnostics } from "../runs/FileDiagnostics.ts";
import { describeJsonValue, jsonPathKey, parseJsonWithPositions, stripBom, type JsonPath, type JsonSpan } from "../runs/parseJsonWithPositions.ts";
import { CONFIG_FORMAT_VERSION, judgeVersion } from "../version/formatVersion.ts";
import { configMessages } from "./configMessages.ts";

export const CONFIG_FILE = "runfolio.config.json";

/** Pages a site may leave out; reports and run pages are always built. */
export const OPTIONAL_PAGES = ["search", "feed", "embeds"] as const;
export type OptionalPage = (typeof OPTIONAL_PAGES)[number];

export interface ResolvedConfig {
  version: number;
  /** The site's name in the header, page titles and the feed. __Default:__ "Runfolio". */
  title: string;
  /** One line on the home page and in link previews. __Default:__ none. */
  description: string | null;
  /** The sub-path the site is served under; RUNFOLIO_BASE overrides it. __Default:__ "/" (null). */
  base: string | null;
  /** The repository's web address, linked from the header. __Default:__ none. */
  repository: string | null;
  /** Accent colour of links and highlights, `#rgb` or `#rrggbb`. __Default:__ Runfolio's blue (null). */
  accent: string | null;
  /** Which optional pages to build. __Default:__ all true. */
  pages: Record<OptionalPage, boolean>;
}

export const DEFAULT_CONFIG: ResolvedConfig = {
  version: CONFIG_FORMAT_VERSION,
  title: "Runfolio",
  description: null,
  base: null,
  repository: null,
  accent: null,
  pages: { search: true, feed: true, embeds: true },
};

const CONFIG_KEYS = ["version", "title", "description", "base", "repository", "accent", "pages"] as const;

const configSchema = z.object({
  title: z.string().min(1).optional(),
  description: z.string().nullable().optional(),
  base: z.string().nullable().optional(),
  repository: z.string().nullable().optional(),
  accent: z.string().nullable().optional(),
  pages: z.record(z.string(), z.boolean()).optional(),
});

const EXPECTED: Record<string, string> = {
  title: "a non-empty string",
  description: "a string or null",
  base: "a string or null",
  repository: "a string or null",
  accent: "a string or null",
  pages: `an object of true/false values (${OPTIONAL_PAGES.join(", ")})`,
};

export interface ParsedConfig {
  config: ResolvedConfig;
  diagnostics: Diagnostic[];
}

export function parseConfig(rawText: string, file = CONFIG_FILE): ParsedConfig {
  const text = stripBom(rawText);
  const diags = new FileDiagnostics(file, text);
  const done = (config: ResolvedConfig): ParsedConfig => ({ config, diagnostics: diags.done().sort(compareDiagnostics) });
  const parsed = parseJsonWithPositions(text, { positions: true });
  if (!parsed.ok) {
    diags.at(parsed.error.offset, "error", parsed.error.kind === "duplicate" ? configMessages.duplicateKey(parsed.error.message) : configMessages.jsonSyntax(parsed.error.message));
    return done(DEFAULT_CONFIG);
  }
  const spans = parsed.positions ?? new Map<string, JsonSpan>();
  const valueAt = (p: JsonPath) => spans.get(jsonPathKey(p))?.offset ?? 0;
  const keyAt = (p: JsonPath) => {
    const s = spans.get(jsonPathKey(p));
    return s?.keyOffset ?? s?.offset ?? 0;
  };
  const doc = parsed.value;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    diags.at(valueAt([]), "error", configMessages.notAnObject(describeJsonValue(doc)));
    return done(DEFAULT_CONFIG);
  }
  const input = doc as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      diags.at(keyAt([key]), "warning", configMessages.unknownKey(key, didYouMean(key, CONFIG_KEYS), CONFIG_KEYS), key.length + 2);
    }
  }

  const version = judgeVersion(input.version, CONFIG_FORMAT_VERSION);
  if (version.kind === "invalid") diags.at(valueAt(["version"]), "error", configMessages.versionInvalid(describeJsonValue(input.version)));
  if (version.kind === "newer") diags.at(valueAt(["version"]), "warning", configMessages.versionNewer(version.version, CONFIG_FORMAT_VERSION));

  const config: ResolvedConfig = { ...DEFAULT_CONFIG, pages: { ...DEFAULT_CONFIG.pages } };
  if (version.kind === "newer") config.version = version.version;
  const typed = configSchema.safeParse(input);
  const badKeys = new Set<string>();
  if (!typed.success) {
    for (const issue of typed.error.issues) {
      const key = String(issue.path[0]);
      if (badKeys.has(key)) continue;
      badKeys.add(key);
      const where = (issue.path.length > 1 ? issue.path : [key]).map((k) => (typeof k === "number" ? k : String(k)));
      diags.at(valueAt(where), "error", configMessages.wrongType(where.join("."), issue.path.length > 1 ? "true or false" : EXPECTED[key]!, describeJsonValue(valueIn(input, where))));
    }
  }
  const str = (key: string): string | null | undefined => (badKeys.has(key) ? undefined : (input[key] as string | null | undefined));

  const title = str("title");
  if (typeof title === "string") config.title = title;
  const description = str("description");
  if (description !== undefined) config.description = description;
  const base = str("base");
  if (typeof base === "string") {
    if (isBasePath(base)) config.base = base;
    else diags.at(valueAt(["base"]), "error", configMessages.badBase(JSON.stringify(base)));
  }
  const accent = str("accent");
  if (typeof accent === "string") {
    if (/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) config.accent = accent.toLowerCase();
    else diags.at(valueAt(["accent"]), "error", configMessages.badAccent(JSON.stringify(accent)));
  }
  const repository = str("repository");
  if (typeof repository === "string") {
    if (isWebAddress(repository)) config.repository = repository;
    else diags.at(valueAt(["repository"]), "error", configMessages.badRepository(JSON.stringify(repository)));
  }
  if (!badKeys.has("pages") && input.pages !== undefined) {
    const pages = input.pages as Record<string, boolean>;
    for (const name of Object.keys(pages)) {
      if ((OPTIONAL_PAGES as readonly string[]).includes(name)) config.pages[name as OptionalPage] = pages[name]!;
      else diags.at(keyAt(["pages", name]), "warning", configMessages.unknownKey(`pages.${name}`, didYouMean(name, OPTIONAL_PAGES), OPTIONAL_PAGES), name.length + 2);
    }
  }
  return done(config);
}

function valueIn(doc: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

function isWebAddress(s: string): boolean {
  try {
    const url = new URL(s);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/**
 * A sub-path every link, asset and data request of the site starts with: `/`, or `/`-separated
 * segments of URL-safe characters (`A-Z a-z 0-9 - . _ ~` and `%XX` escapes) ending in `/`. Quotes,
 * `<` and `>` would reach attributes and scripts as they are, and a `.` or `..` segment (also as
 * `%2e`) would point the site's links outside its own folder.
 */
function isBasePath(base: string): boolean {
  if (base === "/") return true;
  if (!base.startsWith("/") || !base.endsWith("/")) return false;
  return base
    .slice(1, -1)
    .split("/")
    .every((segment) => /^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+$/.test(segment) && !/^(?:\.|%2e){1,2}$/i.test(segment));
}
