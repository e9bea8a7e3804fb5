/**
 * The `/search/` page: the index (`/search-index.json`, built by core/search) and MiniSearch are
 * fetched only when the box is first focused or a `?q=` is given, then every keystroke searches in
 * memory. Results are links with a snippet around the matched words, built from text nodes and
 * `<mark>` elements only: titles and text from run files and reports stay text.
 */
import type MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import { MAX_RESULTS, searchIndexOptions, searchQueryOptions, type StoredDoc } from "../core/search/searchOptions.ts";
import { lineSnippet, searchSnippet } from "../core/search/searchSnippet.ts";
import { searchMarkup as m } from "../core/render/pageMarkup.ts";
import { siteHref } from "../core/paths/siteHref.ts";
import { siteRootOf } from "./siteRoot.ts";

type Index = MiniSearch<StoredDoc>;

function setup(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="search"]')!;
  const status = document.querySelector<HTMLElement>(`.${m.status}`)!;
  const list = document.querySelector<HTMLUListElement>(`.${m.results}`)!;
  const indexUrl = form.getAttribute(m.index)!;
  let index: Promise<Index> | undefined;

  const load = (): Promise<Index> => {
    index ??= (async () => {
      status.textContent = "Loading the index…";
      const [{ default: MiniSearchClass }, response] = await Promise.all([import("minisearch"), fetch(indexUrl)]);
      if (!response.ok) throw new Error(`${indexUrl}: HTTP ${response.status}`);
      const loaded = MiniSearchClass.loadJSON<StoredDoc>(await response.text(), searchIndexOptions);
      form.setAttribute(m.ready, "true");
      return loaded;
    })();
    index.catch((error: unknown) => {
      index = undefined;
      status.textContent = `Search is unavailable (${error instanceof Error ? error.message : String(error)}).`;
    });
    return index;
  };

  let latest = 0;
  const run = async (): Promise<void> => {
    const query = input.value.trim();
    const ticket = ++latest;
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url);
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const found = (await load()).search(query, searchQueryOptions);
    if (ticket !== latest) return;
    list.replaceChildren(...found.slice(0, MAX_RESULTS).map((r) => resultItem(r, siteRootOf(form))));
    status.textContent =
      found.length === 0 ? `Nothing matches “${query}”.` : `${found.length} result${found.length === 1 ? "" : "s"}${found.length > MAX_RESULTS ? `, the first ${MAX_RESULTS} shown` : ""}.`;
  };

  input.addEventListener("focus", () => void load().catch(() => {}), { once: true });
  input.addEventListener("input", () => void run().catch(() => {}));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run().catch(() => {});
  });
  const q = new URLSearchParams(location.search).get("q");
  if (q) {
    input.value = q;
    void run().catch(() => {});
  }
}

function resultItem(result: SearchResult, root: string): HTMLLIElement {
  const doc = result as unknown as StoredDoc;
  const li = document.createElement("li");
  const kind = document.createElement("span");
  kind.className = "rf-search-kind";
  kind.textContent = doc.kind;
  const a = document.createElement("a");
  a.href = siteHref(root, doc.href);
  a.textContent = doc.title;
  li.append(kind, a);
  if (doc.subtitle) {
    const sub = document.createElement("span");
    sub.className = "rf-search-sub";
    sub.textContent = doc.subtitle;
    li.append(sub);
  }
  // The prose (or notes) around the match, else the config lines it matched in.
  const fromText = searchSnippet(doc.text ?? "", result.terms);
  const parts = fromText.length ? fromText : lineSnippet(doc.config ?? "", result.terms);
  if (parts.length) {
    const snippet = document.createElement("p");
    snippet.className = "rf-search-snippet";
    for (const part of parts) {
      if (!part.mark) snippet.append(document.createTextNode(part.text));
      else {
        const mark = document.createElement("mark");
        mark.textContent = part.text;
        snippet.append(mark);
      }
    }
    li.append(snippet);
  }
  return li;
}

const form = document.querySelector<HTMLFormElement>(`form[${m.formAttribute}]`);
if (form) setup(form);
