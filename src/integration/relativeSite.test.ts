import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { linkMode, makeLinksRelative } from "./relativeSite.ts";

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

async function site(files: Record<string, string>): Promise<void> {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-relative-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
}
const read = (file: string) => readFile(path.join(dir, file), "utf8");

describe("makeLinksRelative", () => {
  it("rewrites every page and stylesheet, finding the file each link names", async () => {
    await site({
      "index.html": `<html><head><link rel="stylesheet" href="/b/_astro/s.css"></head><body><a href="/b/reports/x">x</a> <a href="/b/feed.xml">f</a></body></html>`,
      "reports/x/index.html": `<html><head></head><body><a href="/b/">home</a><div id="rf-compare" data-base="/b/"></div><script type="module" src="/b/_astro/c.js"></script></body></html>`,
      "_astro/s.css": `.a{background:url(/b/img/a.png)}`,
      "_astro/c.js": `import("/b/_astro/x.js")`,
      "feed.xml": `<feed/>`,
    });
    expect(await makeLinksRelative(dir, "/b/")).toEqual({ pages: 2, stylesheets: 1 });
    expect(await read("index.html")).toBe(
      `<html><head><link rel="stylesheet" href="_astro/s.css"></head><body><a href="reports/x/index.html">x</a> <a href="feed.xml">f</a></body></html>`,
    );
    const [script] = await readdir(path.join(dir, "_runfolio"));
    expect(script).toMatch(/^file-protocol\.[0-9a-f]{8}\.js$/);
    const report = await read("reports/x/index.html");
    expect(report).toContain(`<head><script src="../../_runfolio/${script}"></script></head>`);
    expect(report).toContain(`<p class="lede" role="note" data-rf-file-note="always" hidden>Comparing runs needs the site served over http(s)`);
    expect(report).toContain(`<a href="../../index.html">home</a><p`);
    expect(report).toContain(`data-base="../../"`);
    expect(await read("_astro/s.css")).toBe(`.a{background:url(../img/a.png)}`);
    // Scripts are not rewritten: their imports are relative to the module already.
    expect(await read("_astro/c.js")).toBe(`import("/b/_astro/x.js")`);
  });
});

describe("linkMode", () => {
  it("reads RUNFOLIO_LINKS and rejects what it does not know", () => {
    expect(linkMode(undefined)).toBe("absolute");
    expect(linkMode("")).toBe("absolute");
    expect(linkMode("absolute")).toBe("absolute");
    expect(linkMode("relative")).toBe("relative");
    expect(() => linkMode("relatve")).toThrow(/RUNFOLIO_LINKS must be "relative" or "absolute"/);
  });
});
