/**
 * The search index's shape, shared by the build (`buildSearchIndex`) and the browser
 * (`src/client/search.ts`): MiniSearch needs the same fields and options on both sides to load an
 * index. No Node or DOM imports here.
 */
export interface SearchDoc {
  /** `report:<slug>` or `run:<id>`. */
  id: string;
  kind: "report" | "run";
  /** Report title or run name. */
  title: string;
  /** Shown under the title: a report's description, a run's project and state. */
  subtitle: string;
  /** The page as a site path (`runs/<id>/`, no base): the search page resolves it with core/paths/siteHref.ts. */
  href: string;
  /** Report: description. Run: project, group and tags. */
  meta: string;
  /** Report: the prose's text. Run: its notes. Stored: results show a snippet of it. */
  text: string;
  /** Run: config keys and values, one `key value` line each (searched, weighing least). Report: "". */
  config: string;
}

export type StoredDoc = Pick<SearchDoc, "kind" | "title" | "subtitle" | "href" | "text" | "config">;

export const SEARCH_FIELDS = ["title", "meta", "text", "config"] as const;
export const STORED_FIELDS = ["kind", "title", "subtitle", "href", "text", "config"] as const;

/** Words split at spaces, punctuation and `/` `.` `_` `-` … as MiniSearch does by default. */
export const searchIndexOptions = {
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORED_FIELDS],
};

/**
 * Every word must match (as a prefix, or with a typo in longer words); titles weigh most, and a
 * word in a report's prose far more than the same word in a run's config key (a report that
 * discusses warmup comes before every run with a `warmup_epochs` key).
 */
export const searchQueryOptions = {
  boost: { title: 4, meta: 2, text: 1, config: 0.1 },
  prefix: true,
  fuzzy: (term: string) => (term.length > 4 ? 0.2 : 0),
  combineWith: "AND" as const,
};

/** Results shown for one query. */
export const MAX_RESULTS = 30;
