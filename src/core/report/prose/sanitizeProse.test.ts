import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { reportMessages } from "../../blocks/messages.ts";
import { formatDiagnostic, type Diagnostic } from "../../diagnostics.ts";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { parseReport } from "../parseReport.ts";
import { compileReport, type CompileReportOptions } from "../compileReport.ts";

const FRONT = "---\ntitle: R\nruns: project = \"p\"\n---\n";
// The body starts on file line 5.
const BODY_LINE = 5;
const runs = [makeRun("p/a", { metrics: ["loss"], steps: 3, summary: { loss: 1 } }), makeRun("p/b", { metrics: ["loss"], steps: 3, summary: { loss: 2 } })];

async function render(body: string, options: CompileReportOptions = {}): Promise<{ html: string; diagnostics: Diagnostic[] }> {
  const out = await compileReport(
    parseReport("reports/r.md", FRONT + body),
    {
      runs,
      readHistory: async () => ({ step: Float64Array.of(0, 1, 2), time: null, metrics: { loss: Float64Array.of(3, 2, 1) } }),
      colors: new Map(),
      hrefForRun: (id) => `/runs/${id}/`,
      render: true,
    },
    options,
  );
  return { html: out.html, diagnostics: out.diagnostics };
}

/** Every element and attribute name in the HTML, and every URL attribute's value. */
function inventory(html: string): { tags: string[]; attributes: string[]; urls: string[] } {
  const els = parseHtml(html).querySelectorAll("*");
  return {
    tags: [...new Set(els.map((e) => e.tagName.toLowerCase()))].sort(),
    attributes: [...new Set(els.flatMap((e) => Object.keys(e.attributes).map((a) => a.toLowerCase())))].sort(),
    urls: els.flatMap((e) => ["href", "src", "action", "formaction", "srcdoc", "data", "xlink:href"].map((a) => e.getAttribute(a)).filter((v): v is string => v !== undefined)),
  };
}

const codes = (list: Diagnostic[]) => list.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);

describe("compileReport sanitizes report prose", () => {
  // Each vector alone in a report, with what must be gone and the one warning it causes.
  const vectors: { name: string; md: string; warning: string | string[] }[] = [
    { name: "<script>", md: "a <script>window.__pwned = 1</script> b", warning: "REPORT007 raw HTML <script> removed" },
    { name: "<img onerror>", md: "<img src=x onerror=\"window.__pwned = 1\">", warning: "REPORT008 attribute `onerror` removed from <img>" },
    { name: "<details ontoggle>", md: "<details open ontoggle=\"window.__pwned = 1\"><summary>s</summary>t</details>", warning: "REPORT008 attribute `ontoggle` removed from <details>" },
    { name: "<iframe srcdoc>", md: "<iframe srcdoc=\"<script>window.__pwned = 1</script>\"></iframe>", warning: "REPORT007 raw HTML <iframe> removed" },
    { name: "<object>", md: "<object data=\"x.swf\"></object>", warning: "REPORT007 raw HTML <object> removed" },
    { name: "<embed>", md: "<embed src=\"x.swf\">", warning: "REPORT007 raw HTML <embed> removed" },
    { name: "<form>", md: "<form action=\"https://evil.example/\"><button formaction=\"javascript:alert(1)\">go</button></form>", warning: ["REPORT007 raw HTML <form> removed", "REPORT007 raw HTML <button> removed"] },
    { name: "<svg onload>", md: "<svg onload=\"window.__pwned = 1\"><circle r=1 /></svg>", warning: ["REPORT007 raw HTML <svg> removed", "REPORT007 raw HTML <circle> removed"] },
    { name: "<math>", md: "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", warning: ["REPORT007 raw HTML <math> removed", "REPORT007 raw HTML <mi> removed"] },
    { name: "<style>", md: "<style>body { display: none }</style>", warning: "REPORT007 raw HTML <style> removed" },
    { name: "style attribute", md: "<span style=\"position:fixed;inset:0\">x</span>", warning: "REPORT008 attribute `style` removed from <span>" },
    { name: "<base>", md: "<base href=\"https://evil.example/\">", warning: "REPORT007 raw HTML <base> removed" },
    { name: "<meta refresh>", md: "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", warning: "REPORT007 raw HTML <meta> removed" },
    { name: "<link>", md: "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">", warning: "REPORT007 raw HTML <link> removed" },
    { name: "<a target>", md: "<a href=\"x/\" target=\"_blank\">x</a>", warning: "REPORT008 attribute `target` removed from <a>" },
    { name: "markdown javascript: link", md: "[x](javascript:alert(1))", warning: "REPORT009 `javascript:` URL removed from the `href` of <a>" },
    { name: "javascript: autolink", md: "<javascript:alert(1)>", warning: "REPORT009 `javascript:` URL removed from the `href` of <a>" },
    { name: "vbscript: link", md: "[x](vbscript:msgbox)", warning: "REPORT009 `vbscript:` URL removed from the `href` of <a>" },
    { name: "data: link", md: "[x](data:text/html;base64,PHNjcmlwdD4=)", warning: "REPORT009 `data:` URL removed from the `href` of <a>" },
    { name: "mixed-case scheme", md: "<a href=\"JaVaScRiPt:alert(1)\">x</a>", warning: "REPORT009 `javascript:` URL removed from the `href` of <a>" },
    { name: "entity-encoded scheme", md: "<a href=\"&#106;avascript&#58;alert(1)\">x</a>", warning: "REPORT009 `javascript:` URL removed from the `href` of <a>" },
    { name: "tab inside the scheme", md: "<a href=\"java&#9;script:alert(1)\">x</a>", warning: "REPORT009 `java\tscript:` URL removed from the `href` of <a>" },
    { name: "data: image", md: "![x](data:image/svg+xml;base64,PHN2Zz4=)", warning: "REPORT009 `data:` URL removed from the `src` of <img>" },
    { name: "image on another site", md: "![x](https://tracker.example/p.png)", warning: 'REPORT010 `src` of <img> removed: "https://tracker.example/p.png" is on another site' },
    { name: "an attribute the element may not have", md: "<input type=checkbox src=\"pic.png\">", warning: "REPORT008 attribute `src` removed from <input>" },
    { name: "protocol-relative image", md: "<img src=\"//tracker.example/p.png\">", warning: 'REPORT010 `src` of <img> removed: "//tracker.example/p.png" is on another site' },
  ];

  for (const v of vectors) {
    it(`removes ${v.name}, with a warning at its position`, async () => {
      const { html, diagnostics } = await render(`Intro.\n\n${v.md}\n`);
      const found = inventory(html);
      for (const tag of ["script", "iframe", "object", "embed", "form", "svg", "math", "style", "base", "meta", "link"]) expect(found.tags, html).not.toContain(tag);
      expect(found.attributes.filter((a) => a.startsWith("on") || a === "style" || a === "srcdoc" || a === "target"), html).toEqual([]);
      for (const url of found.urls) expect(url, html).not.toMatch(/^\s*(java|vb)\s*script:|^\s*data:|^(https?:)?\/\//i);
      expect(html).not.toContain("__pwned");
      expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([v.warning].flat());
      expect(diagnostics[0]).toMatchObject({ file: "reports/r.md", line: BODY_LINE + 2, severity: "warning" });
    });
  }

  it("keeps GitHub's markdown and allowed HTML as written, without a warning", async () => {
    const md = [
      "## Results *so far*", // 5
      "",
      "| run | loss |",
      "|:----|-----:|",
      "| <kbd>a</kbd> | 1.5 |",
      "",
      "<details><summary>More</summary>", // 11
      "",
      "H<sub>2</sub>O, x<sup>2</sup>, ~~old~~, <abbr title=\"learning rate\">LR</abbr>, <mark>key</mark>.",
      "",
      "</details>",
      "",
      "![curve](../../media/curve.png \"Loss\") [run](../../runs/p/a/) [docs](https://example.org/a?b=1#c) [mail](mailto:a@example.org) [up](#results)",
      "",
      "```python",
      "print(1)",
      "```",
      "",
      "- [x] done",
      "",
      "> quoted",
      "",
      "---",
      "",
      "Line<br>break and a note[^1].",
      "",
      "[^1]: The note.",
    ].join("\n");
    const { html, diagnostics } = await render(md);
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<h2 id="results-so-far">Results <em>so far</em></h2>');
    expect(html).toContain('<th align="left">run</th>');
    expect(html).toContain('<td align="left"><kbd>a</kbd></td>');
    expect(html).toContain("<details><summary>More</summary>");
    expect(html).toContain('H<sub>2</sub>O, x<sup>2</sup>, <del>old</del>, <abbr title="learning rate">LR</abbr>, <mark>key</mark>.');
    expect(html).toContain('<img src="../../media/curve.png" alt="curve" title="Loss">');
    expect(html).toContain('<a href="../../runs/p/a/">run</a> <a href="https://example.org/a?b=1#c">docs</a> <a href="mailto:a@example.org">mail</a> <a href="#results">up</a>');
    expect(html).toContain('<pre><code class="language-python">print(1)\n</code></pre>');
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(html).toContain("<blockquote>\n<p>quoted</p>\n</blockquote>\n<hr>");
    expect(html).toContain("Line<br>break");
    // Footnote ids carry the user-content prefix once, and their links follow.
    const doc = parseHtml(html);
    const ref = doc.querySelector("a[data-footnote-ref]")!;
    expect(ref.getAttribute("href")).toBe("#user-content-fn-1");
    expect(ref.getAttribute("id")).toBe("user-content-fnref-1");
    expect(ref.getAttribute("aria-describedby")).toBe("user-content-footnote-label");
    expect(doc.querySelector("#user-content-fn-1")!.tagName).toBe("LI");
    expect(doc.querySelector("#user-content-footnote-label")!.tagName).toBe("H2");
    expect(doc.querySelector("a[data-footnote-backref]")!.getAttribute("href")).toBe("#user-content-fnref-1");
  });

  it("prefixes user ids and names, and points fragment links at them unless the page has the id unprefixed", async () => {
    const { html, diagnostics } = await render('## Setup\n\n<a id="setup">x</a> <a name="old">y</a> [to setup](#setup) [to old](#old) [nowhere](#none)\n');
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<h2 id="setup">Setup</h2>');
    expect(html).toContain('<a id="user-content-setup">x</a> <a name="user-content-old">y</a> <a href="#setup">to setup</a> <a href="#user-content-old">to old</a> <a href="#none">nowhere</a>');
  });

  it("reports each kind of removal once, at its first occurrence, counting the others", async () => {
    const md = [
      "Text <img src=x onerror=a()> and <script>b()</script>.", // line 5
      "",
      "  <img src=y onerror=c()> [x](javascript:d()) <SCRIPT>e()</SCRIPT>", // line 7
      "",
      "<p onclick=f()>para</p>", // line 9
    ].join("\n");
    const { diagnostics } = await render(md);
    expect(codes(diagnostics)).toEqual([
      `5:17 REPORT008 ${reportMessages.htmlAttributeRemoved("img", "onerror", 2).message}`,
      `5:34 REPORT007 ${reportMessages.htmlElementRemoved("script", 2).message}`,
      `7:31 REPORT009 ${reportMessages.unsafeUrlRemoved("javascript:", "a", "href", ["http", "https", "mailto"], 1).message}`,
      `9:4 REPORT008 ${reportMessages.htmlAttributeRemoved("p", "onclick", 1).message}`,
    ]);
    expect(formatDiagnostic(diagnostics[0]!)).toBe(
      [
        "reports/r.md:5:17: warning REPORT008: attribute `onerror` removed from <img> (2 times in this report; the first is here)",
        "  5 | Text <img src=x onerror=a()> and <script>b()</script>.",
        "                      ^^^^^^^",
        "  hint: report prose is sanitized: no event handlers, styles or unknown attributes; set allowHtml to keep raw HTML as written (docs/security.md)",
      ].join("\n"),
    );
    expect(formatDiagnostic(diagnostics[1]!).split("\n")[2]).toBe("                                       ^^^^^^^");
  });

  it("reports an element the HTML parser made (no position of its own) at its nearest positioned ancestor", async () => {
    const { diagnostics } = await render("Para\n\n<table><tr><td><script>x()</script></td></tr></table>\n");
    expect(codes(diagnostics)).toEqual([`7:16 REPORT007 ${reportMessages.htmlElementRemoved("script", 1).message}`]);
  });

  it("never touches the blocks' own markup, nor their error boxes", async () => {
    const body = "Intro <b>bold</b>.\n\n```chart\ny: loss\n```\n\n```runs\ncolumns: [name, summary.loss]\n```\n\n```chart\ny: nope\n```\n";
    const safe = await render(body);
    const raw = await render(body, { allowHtml: true });
    expect(safe.html).toBe(raw.html);
    expect(safe.html).toContain('data-runfolio-chart="line"');
    expect(safe.html).toContain('class="rf-chart-data"');
    expect(safe.html).toContain("data-runfolio-table");
    expect(safe.html).toContain('class="rf-block-error"');
    expect(safe.diagnostics.map((d) => d.code)).toEqual(raw.diagnostics.map((d) => d.code));
    expect(safe.diagnostics.every((d) => !/^REPORT0(07|08|09|10)$/.test(d.code))).toBe(true);
  });

  it("keeps raw HTML as written, with no warning, when allowHtml is on", async () => {
    const md = "<img src=x onerror=\"a()\"> <script>b()</script> [x](javascript:c()) <details ontoggle=d()><summary>s</summary></details>\n";
    const { html, diagnostics } = await render(md, { allowHtml: true });
    expect(diagnostics).toEqual([]);
    expect(html).toContain('<img src=x onerror="a()">');
    expect(html).toContain("<script>b()</script>");
    expect(html).toContain('<a href="javascript:c()">x</a>');
    expect(html).toContain("<details ontoggle=d()>");
  });
});
