import { describe, expect, it } from "vitest";
import { relativeLinks, rewriteSrcset } from "./relativeLinks.ts";
import type { SiteFileContext } from "./relativeUrl.ts";

const run: SiteFileContext = { filePath: "runs/nanogpt/r1/index.html", base: "/" };

describe("relativeLinks", () => {
  it("rewrites links, stylesheets, scripts, images and forms, with either quote", () => {
    const html =
      `<link rel="stylesheet" href="/_astro/chart.css"><link rel='icon' href='/favicon.svg'>` +
      `<a href="/runs/?q=group%20%3D%20%22a%22">g</a><a href=/reports/x/#chart-1>r</a>` +
      `<img src="/og/runs/nanogpt/r1.png" alt=""><script type="module" src="/_astro/x.js"></script>` +
      `<form action="/search/" method="get"></form>`;
    expect(relativeLinks(html, run)).toBe(
      `<link rel="stylesheet" href="../../../_astro/chart.css"><link rel='icon' href='../../../favicon.svg'>` +
        `<a href="../../index.html?q=group%20%3D%20%22a%22">g</a><a href=../../../reports/x/index.html#chart-1>r</a>` +
        `<img src="../../../og/runs/nanogpt/r1.png" alt=""><script type="module" src="../../../_astro/x.js"></script>` +
        `<form action="../../../search/index.html" method="get"></form>`,
    );
  });

  it("keeps download links pointing at the file", () => {
    expect(relativeLinks(`<a href="/data/runs/nanogpt/r1.json" download>run.json</a>`, run)).toBe(`<a href="../../../data/runs/nanogpt/r1.json" download>run.json</a>`);
  });

  it("changes no text, comment, script or style, even when it reads like a link", () => {
    const html =
      `<p>Set href="/x" in <code>&lt;a href="/y"&gt;</code>, see /runs/.</p><!-- <a href="/z/"> -->` +
      `<script type="application/json">{"href":"/runs/a/"}</script><script>import("/_astro/x.js")</script>` +
      `<pre><code>src="/_astro/x.js"</code></pre>`;
    expect(relativeLinks(html, run)).toBe(html);
  });

  it("leaves external links, fragments, relative files and other attributes alone", () => {
    const html =
      `<a href="https://github.com/x/commit/abc">c</a><a href="mailto:a@b.c">m</a><a href="#chart-1">#</a>` +
      `<a href="notes.txt">n</a><a title="/runs/" data-run="nanogpt/r1" data-key="/loss">t</a>` +
      `<meta property="og:image" content="/og/runs/nanogpt/r1.png"><link rel="canonical" href="https://x.github.io/e/">`;
    expect(relativeLinks(html, run)).toBe(html);
  });

  it("rewrites the URLs the browser modules read, keeping data-base a folder", () => {
    const html = `<div id="rf-explorer" data-base="/"></div><form data-rf-search data-index="/search-index.json"></form>`;
    expect(relativeLinks(html, { filePath: "runs/index.html", base: "/" })).toBe(
      `<div id="rf-explorer" data-base="../"></div><form data-rf-search data-index="../search-index.json"></form>`,
    );
    const block = `<script type="application/json" class="rf-chart-data" data-file="/data/blocks/ab12.json"></script>`;
    expect(relativeLinks(block, { filePath: "reports/r/index.html", base: "/" })).toBe(block.replace('"/data/', '"../../data/'));
  });

  it("rewrites url() in <style> elements and style attributes", () => {
    const html = `<style>.a{background:url(/b.png)}/* url(/c.png) */</style><p style="background:url('/d.png')">/e.png</p>`;
    expect(relativeLinks(html, { filePath: "x/index.html", base: "/" })).toBe(
      `<style>.a{background:url(../b.png)}/* url(/c.png) */</style><p style="background:url('../d.png')">/e.png</p>`,
    );
  });

  it("works under a base path", () => {
    const ctx: SiteFileContext = { filePath: "reports/x/index.html", base: "/my-experiments/" };
    expect(relativeLinks(`<a href="/my-experiments/runs/p/r/">r</a><a href="/elsewhere/">e</a>`, ctx)).toBe(
      `<a href="../../runs/p/r/index.html">r</a><a href="/elsewhere/">e</a>`,
    );
  });

  it("rewrites SVG links, srcset candidates and a refresh redirect", () => {
    const html =
      `<svg><a href="/runs/p/r/"><text>r</text></a><use xlink:href="/sprite.svg#i"/></svg>` +
      `<img srcset="/a.png 1x, /b.png 2x" src="/a.png"><meta http-equiv="refresh" content="0;url=/reports/x/">`;
    expect(relativeLinks(html, { filePath: "index.html", base: "/" })).toBe(
      `<svg><a href="runs/p/r/index.html"><text>r</text></a><use xlink:href="sprite.svg#i"/></svg>` +
        `<img srcset="a.png 1x, b.png 2x" src="a.png"><meta http-equiv="refresh" content="0;url=reports/x/index.html">`,
    );
  });

  it("is idempotent: a rewritten page stays as it is", () => {
    const once = relativeLinks(`<a href="/runs/p/r/">r</a><div data-base="/"></div>`, run);
    expect(relativeLinks(once, run)).toBe(once);
  });
});

describe("rewriteSrcset", () => {
  it("rewrites each candidate's URL and keeps descriptors and separators", () => {
    const up = (u: string) => u.toUpperCase();
    expect(rewriteSrcset("a.png 1x,b.png 2x", up)).toBe("A.PNG 1x,B.PNG 2x");
    expect(rewriteSrcset(" a.png, b.png 640w ", up)).toBe(" A.PNG, B.PNG 640w ");
    expect(rewriteSrcset("a.png", up)).toBe("A.PNG");
  });
});
