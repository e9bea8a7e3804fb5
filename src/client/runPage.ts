/**
 * The run page's config search: typing keeps the keys (and values) whose path contains the text,
 * with their parents open, and hides the rest. Reads and writes nothing but the tree's own nodes.
 */
import { configMarkup as m } from "../core/render/pageMarkup.ts";

for (const box of document.querySelectorAll<HTMLElement>(`[${m.attribute}]`)) {
  const search = box.querySelector<HTMLElement>(`.${m.search}`);
  const input = box.querySelector<HTMLInputElement>("input");
  const tree = box.querySelector<HTMLUListElement>(`.${m.tree}`);
  const count = box.querySelector<HTMLElement>(`.${m.count}`);
  if (!search || !input || !tree) continue;
  search.hidden = false;
  const items = (list: Element) => [...list.children].filter((c): c is HTMLLIElement => c instanceof HTMLLIElement);
  const keyOf = (li: HTMLLIElement) => li.querySelector(`.${m.key}`)?.textContent ?? "";

  /** Shows the items under `list` matching `q` (by path or value); returns how many leaves match. */
  const filter = (list: Element, prefix: string, q: string, all: boolean): number => {
    let shown = 0;
    for (const li of items(list)) {
      const path = prefix + keyOf(li);
      const details = li.querySelector(":scope > details");
      if (details) {
        const here = all || path.toLowerCase().includes(q);
        const inner = filter(details.querySelector(":scope > ul")!, `${path}.`, q, here);
        li.hidden = inner === 0 && !here;
        if (q && !li.hidden) (details as HTMLDetailsElement).open = true;
        shown += inner;
      } else {
        const value = li.querySelector(`.${m.value}`)?.textContent ?? "";
        const match = all || !q || `${path} ${value}`.toLowerCase().includes(q);
        li.hidden = !match;
        if (match) shown++;
      }
    }
    return shown;
  };
  input.addEventListener("input", () => {
    const q = input.value.trim().toLowerCase();
    const n = filter(tree, "", q, false);
    if (count) count.textContent = q ? `${n} key${n === 1 ? "" : "s"} match` : "";
  });
}
