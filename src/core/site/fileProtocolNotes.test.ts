import { describe, expect, it } from "vitest";
import { withFileProtocolNotes, type FileNote } from "./fileProtocolNotes.ts";

const notes: FileNote[] = [
  { before: (t) => t.attributes.some((a) => a.name === "id" && a.value === "rf-compare"), when: "always", text: "Needs <http>." },
  { before: (t) => t.attributes.some((a) => a.name === "id" && a.value === "missing"), when: "scripts-blocked", text: "never" },
];

describe("withFileProtocolNotes", () => {
  it("puts the script first in <head> and each note, hidden and escaped, before its element", () => {
    const html = `<html><head><meta charset="utf-8"></head><body><h1>Compare</h1><div id="rf-compare"></div><script type="module" src="/_astro/c.js"></script></body></html>`;
    expect(withFileProtocolNotes(html, "/_runfolio/f.js", notes)).toBe(
      `<html><head><script src="/_runfolio/f.js"></script><meta charset="utf-8"></head><body><h1>Compare</h1>` +
        `<p class="lede" role="note" data-rf-file-note="always" hidden>Needs &lt;http&gt;.</p><div id="rf-compare"></div>` +
        `<script type="module" src="/_astro/c.js"></script></body></html>`,
    );
  });

  it("leaves pages without module scripts unchanged", () => {
    const html = `<html><head></head><body><div id="rf-compare"></div><script type="application/json">{}</script></body></html>`;
    expect(withFileProtocolNotes(html, "/_runfolio/f.js", notes)).toBe(html);
  });
});
