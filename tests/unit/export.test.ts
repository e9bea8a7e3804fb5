import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { afterAll, describe, expect, it } from "vitest";
import { exportCommand } from "../../src/cli/commands/export.ts";
import { chartCardSvg, sizedSvg, titleCardSvg, wrap } from "../../src/core/export/previewImage.ts";
import { renderPng } from "../../src/core/export/renderPng.ts";
import { exportRunHref, inlineScript, inlineStyle, standaloneHtml, unlinkRuns } from "../../src/core/export/standaloneHtml.ts";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(1)>";
const tmp = await mkdtemp(path.join(tmpdir(), "runfolio-export-"));
afterAll(() => rm(tmp, { recursive: true, force: true }));

// A site of its own: the golden reports' runs and one report with line charts, a runs table and a comparison.
const fixture = path.join(tmp, "fixture-site");
await cp(path.join(repoRoot, "tests/fixtures/compiled-reports/runs"), path.join(fixture, "runs"), { recursive: true });
await mkdir(path.join(fixture, "reports"));
await writeFile(
  path.join(fixture, "reports/sweep.md"),
  [
    "---\ntitle: Learning-rate sweep, exported\n---\n\nEvery vision run.\n",
    "```chart\nx: step\ny: loss\nruns: project = \"vision\"\n```\n",
    "```chart\nx: step\ny: acc\nruns: project = \"vision\"\n```\n",
    "```chart\nx: step\ny: [loss, acc]\nruns: group = \"cnn\"\n```\n",
    "```chart\nx: step\ny: loss\nscale: { y: log }\nruns: project = \"vision\"\n```\n",
    "```runs\nruns: project = \"vision\"\ncolumns: [name, summary.acc]\n```\n",
    "```compare\nruns: group = \"cnn\"\n```\n",
  ].join("\n"),
);

async function run(args: string[], cwd = repoRoot) {
  let stdout = "";
  let stderr = "";
  const code = await exportCommand(args, { cwd, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe("standalone HTML assembly", () => {
  it("escapes every text and keeps inline code from closing its element", () => {
    const html = standaloneHtml({
      title: HOSTILE,
      description: HOSTILE,
      date: "2026-01-01",
      authors: [HOSTILE],
      bodyHtml: "<p>body</p>",
      css: "a{} </style><b>bold</b>",
      scripts: ['const s = "</script><!-- <script>";console.log(s)'],
    });
    const doc = parseHtml(html);
    expect(doc.querySelectorAll("img").length).toBe(0);
    expect(doc.querySelector("title")!.textContent).toBe(HOSTILE);
    expect(doc.querySelector(".lede")!.textContent).toBe(HOSTILE);
    expect(doc.querySelectorAll("style").length).toBe(1);
    expect(doc.querySelectorAll("b").length).toBe(0);
    // Only `</script` ends a script element (with `<!--` gone, `<script>` inside it is text).
    expect(html).toContain('const s = "<\\/script><\\!-- <script>";console.log(s)\n</script>');
    expect(html.match(/<\/script>/g)!.length).toBe(1);
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(inlineStyle("x</STYLE>")).toBe("x<\\/STYLE>");
    expect(inlineScript("a</SCRIPT>")).toBe("a<\\/SCRIPT>");
  });

  it("links runs to the published site, or makes them text", () => {
    expect(exportRunHref("https://ada.github.io/exp")("nanogpt/a b")).toBe("https://ada.github.io/exp/runs/nanogpt/a%20b/");
    const href = exportRunHref(null)("nanogpt/x");
    expect(unlinkRuns(`<td><a href="${href}">x &amp; y</a></td><a href="/other">o</a>`)).toBe(
      '<td><span class="rf-run-ref">x &amp; y</span></td><a href="/other">o</a>',
    );
    // A cited value keeps its class and title.
    expect(unlinkRuns(`<a class="rf-cite" href="${href}" title="summary.loss of x">2.3</a>`)).toBe('<span class="rf-cite rf-run-ref" title="summary.loss of x">2.3</span>');
  });
});

describe("link-preview images", () => {
  it("compose escaped, wrapped text and render to a 1200×630 PNG", () => {
    const svg = titleCardSvg({ kicker: "Run", title: HOSTILE, description: "d & <e>", facts: ["3 runs", "<x>"] });
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain("&lt;script&gt;");
    const png = renderPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1200, 630]);
    // The same input, the same bytes.
    expect(Buffer.from(renderPng(svg)).equals(Buffer.from(png))).toBe(true);
  });

  it("place a chart's SVG at a fixed size under the title", () => {
    expect(sizedSvg('<svg class="marks" width="100%" viewBox="0 0 640 260"><g/></svg>').svg).toBe('<svg width="640" height="260" class="marks" viewBox="0 0 640 260"><g/></svg>');
    const card = chartCardSvg("Loss", '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 640 260"><text>step</text></svg>', ["2 runs"]);
    expect(card).toContain('viewBox="0 0 640 260" preserveAspectRatio="xMidYMid meet"><text>step</text></svg>');
    expect(renderPng(card).length).toBeGreaterThan(1000);
  });

  it("wrap long titles into at most n lines ending in an ellipsis", () => {
    expect(wrap("a b c", 10, 2)).toEqual(["a b c"]);
    const lines = wrap("word ".repeat(40), 20, 3);
    expect(lines.length).toBe(3);
    expect(lines[2]!.endsWith("…")).toBe(true);
    expect(wrap("x".repeat(50), 20, 5)).toEqual(["x".repeat(20), "x".repeat(20), "x".repeat(10)]);
  });
});

describe("runfolio export", { timeout: 120_000 }, () => {
  it("writes one self-contained file, the same bytes every time", async () => {
    const a = path.join(tmp, "a.html");
    const b = path.join(tmp, "sub/b.html");
    const first = await run(["reports/sweep.md", "-o", a], fixture);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^wrote .*a\.html \(\d+ KiB\)\n$/);
    expect((await run(["reports/sweep.md", `--out=${b}`], fixture)).code).toBe(0);
    const html = await readFile(a, "utf8");
    expect(await readFile(b, "utf8")).toBe(html);

    const doc = parseHtml(html);
    // Nothing is fetched: no external script, stylesheet, image or frame.
    expect(doc.querySelectorAll("script[src], link[rel=stylesheet], img[src], iframe").length).toBe(0);
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    // The chart runtime, and the table script when the report has an interactive runs table.
    expect(doc.querySelectorAll("[data-runfolio-table]").length).toBe(1);
    expect(doc.querySelectorAll('script[type="module"]').length).toBe(2);
    expect(doc.querySelectorAll("style").length).toBe(1);
    expect(doc.querySelectorAll("b").length).toBe(0);
    const charts = doc.querySelectorAll("figure[data-runfolio-chart]");
    expect(charts.length).toBe(4);
    for (const c of charts) {
      expect(c.querySelector(":scope > svg"), c.id).not.toBeNull();
      // Every chart's data inline, however large: a lone file has no site to fetch data files from.
      const script = c.querySelector("script.rf-chart-data")!;
      expect(script.getAttribute("data-file"), c.id).toBeUndefined();
      const payload = JSON.parse(script.textContent) as { data?: { series: unknown[] } };
      expect(payload.data!.series.length, c.id).toBeGreaterThan(0);
    }
    expect(html).not.toContain("data/blocks/");
    expect(doc.querySelectorAll("[data-file]").length).toBe(0);
    expect((JSON.parse(doc.querySelector("script.rf-table-data")!.textContent) as { more?: unknown }).more).toBeUndefined();
    // Without --site, run names are text, not links to pages that are not there.
    expect(doc.querySelectorAll('a[href^="runfolio-run:"], a[href^="/runs/"]').length).toBe(0);
    expect(doc.querySelectorAll(".rf-run-ref").length).toBeGreaterThan(0);
    expect(doc.querySelector("h1")!.textContent).toContain("Learning-rate sweep, exported");
  });

  it("links run names to the published site with --site", async () => {
    const out = path.join(tmp, "site.html");
    expect((await run(["reports/sweep.md", "-o", out, "--site", "https://ada.github.io/exp/"], fixture)).code).toBe(0);
    const doc = parseHtml(await readFile(out, "utf8"));
    const links = doc.querySelectorAll('a[href^="https://ada.github.io/exp/runs/"]');
    expect(links.length).toBeGreaterThan(0);
    expect(doc.querySelectorAll(".rf-run-ref").length).toBe(0);
  });

  it("keeps hostile text as text in the file", async () => {
    const out = path.join(tmp, "hostile.html");
    const root = "tests/fixtures/hostile-site";
    const result = await run([`${root}/reports/hostile.md`, "--root", root, "-o", out]);
    // The prose's raw HTML is sanitized as on the site, each kind of removal a warning.
    expect(result.stderr).not.toMatch(/: error /);
    expect(result.stderr).toContain("reports/hostile.md:12:37: warning REPORT007: raw HTML <script> removed");
    expect(result.code).toBe(0);
    const doc = parseHtml(await readFile(out, "utf8"));
    expect(doc.querySelectorAll("img").map((img) => img.toString())).toEqual(['<img src="../../favicon.svg" alt="an icon">']);
    expect(doc.querySelectorAll("iframe, object, form, details[ontoggle]").length).toBe(0);
    const handlers = doc.querySelectorAll("*").flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)));
    expect(handlers).toEqual([]);
    const scripts = doc.querySelectorAll("script");
    expect(scripts.every((s) => s.getAttribute("type") === "application/json" || s.getAttribute("type") === "module")).toBe(true);
    expect(scripts.filter((s) => s.getAttribute("type") === "module").length).toBeGreaterThanOrEqual(1);
    expect(doc.querySelector("h1")!.textContent).toContain("<img src=x onerror=alert(1)>");
  });

  it("refuses bad usage and reports with errors", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["reports/sweep.md"], fixture)).stderr).toContain("-o <file.html> is required");
    expect((await run(["reports/nope.md", "-o", path.join(tmp, "x.html")], fixture)).code).toBe(2);
    expect((await run(["reports/sweep.md", "-o", path.join(tmp, "x.html"), "--site", "not a url"], fixture)).code).toBe(2);
    expect((await run(["reports/sweep.md", "-o", path.join(tmp, "x.html"), "--bogus"], fixture)).code).toBe(2);
    expect((await run(["--help"])).stdout).toContain("usage: runfolio export");
    const broken = await run(["tests/fixtures/broken-site/reports/broken.md", "--root", "tests/fixtures/broken-site", "-o", path.join(tmp, "broken.html")]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("BLOCK009");
    expect(broken.stderr).toContain("not written");
  });

  it("names the encoding of a report that is not UTF-8", async () => {
    const site = path.join(tmp, "utf16-site");
    await mkdir(path.join(site, "reports"), { recursive: true });
    await mkdir(path.join(site, "runs"), { recursive: true });
    await writeFile(path.join(site, "reports/wide.md"), Buffer.from("\uFEFF---\ntitle: Wide\n---\n", "utf16le"));
    const out = await run(["reports/wide.md", "--root", site, "-o", path.join(tmp, "wide.html")], site);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("reports/wide.md:1:1: error REPORT012: file is not UTF-8 text: found the byte order mark FF FE, which looks like UTF-16 LE");
  });
});
