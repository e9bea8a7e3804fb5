import { escapeHtml } from "../render/escapeHtml.ts";
import { htmlStartTags, type HtmlStartTag } from "./htmlStartTags.ts";
import { spliceText, type TextEdit } from "./spliceText.ts";

/**
 * Pages of a relative-link build opened from a folder (`file://`). Browsers run no module
 * scripts there (Chromium refuses them as cross-origin requests from origin `null`) and no page
 * can fetch files, so what needs them — the compare page, search, the explorer's filters — says
 * so in a note instead of sitting there empty. The notes are in the page, hidden; a small classic
 * script (classic scripts do load from `file://`) shows them. Served over http(s) nothing changes.
 */

/**
 * - `always`: shown whenever the page is opened from `file://` (it needs to fetch files, which
 *   no browser allows there).
 * - `scripts-blocked`: shown from `file://` only when a module script of the page failed to load
 *   (it needs scripts and nothing else; a browser that does run them from disk does not need it).
 */
export type FileNoteCondition = "always" | "scripts-blocked";

export interface FileNote {
  /** The note goes just before the first element for which this is true. */
  before: (tag: HtmlStartTag) => boolean;
  when: FileNoteCondition;
  text: string;
}

const NOTE_ATTRIBUTE = "data-rf-file-note";

/**
 * The classic script that shows the notes. It also sends clicks on links to a folder (which
 * scripts write: the explorer's table, search results) to the folder's `index.html`, for browsers
 * that do run the modules from disk; a folder opened from disk is a file listing.
 */
export const FILE_PROTOCOL_SCRIPT = `// Runfolio: a site built with relative links, opened from a folder (file://).
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var blocked = false;
  function show() {
    var notes = document.querySelectorAll("[${NOTE_ATTRIBUTE}]");
    for (var i = 0; i < notes.length; i++) {
      if (blocked || notes[i].getAttribute("${NOTE_ATTRIBUTE}") === "always") notes[i].hidden = false;
    }
  }
  addEventListener("error", function (e) {
    var t = e.target;
    if (t && t.tagName === "SCRIPT" && t.type === "module") {
      blocked = true;
      if (document.readyState !== "loading") show();
    }
  }, true);
  document.addEventListener("DOMContentLoaded", show);
  document.addEventListener("click", function (e) {
    var a = e.target instanceof Element ? e.target.closest("a[href]") : null;
    if (!a || a.hasAttribute("download")) return;
    var url = new URL(a.href);
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
      url.pathname += "index.html";
      a.href = url.href;
    }
  }, true);
})();
`;

/**
 * `html` with the classic script (at `scriptSrc`) first in `<head>`, so it listens before any
 * module can fail, and each note that finds its element, hidden, before that element. Pages
 * without module scripts need neither and are returned unchanged.
 */
export function withFileProtocolNotes(html: string, scriptSrc: string, notes: readonly FileNote[]): string {
  const tags = [...htmlStartTags(html)];
  const hasModule = tags.some((t) => t.name === "script" && t.attributes.some((a) => a.name === "type" && a.value?.trim().toLowerCase() === "module"));
  const head = tags.find((t) => t.name === "head");
  if (!hasModule || !head) return html;
  const edits: TextEdit[] = [{ start: head.end, end: head.end, text: `<script src="${escapeHtml(scriptSrc)}"></script>` }];
  for (const note of notes) {
    const at = tags.find(note.before);
    if (!at) continue;
    edits.push({ start: at.start, end: at.start, text: `<p class="lede" role="note" ${NOTE_ATTRIBUTE}="${note.when}" hidden>${escapeHtml(note.text)}</p>` });
  }
  return spliceText(html, edits);
}
