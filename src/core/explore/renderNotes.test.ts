import { describe, expect, it } from "vitest";
import { renderNotes } from "./renderNotes.ts";

describe("renderNotes(markdown)", () => {
  it("shows notes the markdown parser cannot take (nesting, emphasis runs, HTML nesting) as their text, quickly", () => {
    const deep = Array.from({ length: 3_000 }, (_, i) => `${"  ".repeat(i)}- <b>${i}</b>`).join("\n");
    const started = performance.now();
    expect(renderNotes(deep)).toBe(`<pre>${deep.replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</pre>`);
    expect(renderNotes(`${"**".repeat(20_000)}x`)).toBe(`<pre>${"**".repeat(20_000)}x</pre>`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("renders markdown with links", () => {
    const html = renderNotes("Baseline, see [the paper](https://arxiv.org/abs/1512.03385) and **bold** `code`.");
    expect(html).toBe(
      '<p>Baseline, see <a href="https://arxiv.org/abs/1512.03385" rel="nofollow noopener noreferrer">the paper</a> and <strong>bold</strong> <code>code</code>.</p>',
    );
  });

  it("shows raw HTML as text: a script or an img with onerror never becomes an element", () => {
    const inline = renderNotes("notes: <img src=x onerror=alert(1)> then </script><script>alert(1)</script>");
    expect(inline).toBe("<p>notes: &#x3C;img src=x onerror=alert(1)> then &#x3C;/script>&#x3C;script>alert(1)&#x3C;/script></p>");
    const block = renderNotes("<script>alert(1)</script>\n\n<div onclick=x>hi</div>");
    expect(block).not.toMatch(/<script|<div/);
    expect(block).toContain("&#x3C;script>alert(1)&#x3C;/script>");
  });

  it("turns javascript:, data: and vbscript: links into their text", () => {
    for (const target of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"]) {
      const html = renderNotes(`[click](<${target}>) and <${target}>`);
      expect(html, target).not.toMatch(/<a /);
      expect(html, target).toContain("click");
    }
  });

  it("drops images, keeping their alt text", () => {
    expect(renderNotes("![a chart](https://example.com/x.png)")).toBe("<p>a chart</p>");
  });
});
