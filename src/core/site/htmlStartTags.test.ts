import { describe, expect, it } from "vitest";
import { htmlStartTags } from "./htmlStartTags.ts";

const hrefs = (html: string) =>
  [...htmlStartTags(html)].flatMap((t) => t.attributes.filter((a) => a.name === "href").map((a) => `${t.name}:${a.value}`));

describe("htmlStartTags", () => {
  it("gives each attribute value with its exact offsets, whatever the quoting", () => {
    const html = `<a href="/a/" title='it"s'  data-x=/b/ hidden>x</a>`;
    const [a] = htmlStartTags(html);
    expect(a!.name).toBe("a");
    expect(a!.start).toBe(0);
    expect(html.slice(a!.end - 1, a!.end)).toBe(">");
    expect(a!.attributes.map((x) => [x.name, x.value, html.slice(x.valueStart, x.valueEnd)])).toEqual([
      ["href", "/a/", "/a/"],
      ["title", 'it"s', 'it"s'],
      ["data-x", "/b/", "/b/"],
      ["hidden", null, ""],
    ]);
  });

  it("reads `>` inside a quoted value as part of the value", () => {
    expect(hrefs(`<a title="a > b" href="/x/">`)).toEqual(["a:/x/"]);
  });

  it("lower-cases tag and attribute names", () => {
    expect(hrefs(`<A HREF="/x/">`)).toEqual(["a:/x/"]);
  });

  it("never takes text, comments or a doctype for a tag", () => {
    const html = `<!doctype html><p>write href="/x" or &lt;a href="/y"&gt;</p><!-- <a href="/z"> --><!--><a href="/ok/">`;
    expect(hrefs(html)).toEqual(["a:/ok/"]);
  });

  it("skips the content of script, style, textarea and title", () => {
    const html =
      `<script>document.write('<a href="/s/">')</script>` +
      `<script type="application/json">{"h":"<a href=\\"/j/\\">"}</SCRIPT >` +
      `<style>a[href="/c/"]{}</style><textarea><a href="/t/"></textarea><title><a href="/ti/"></title>` +
      `<a href="/after/">`;
    expect(hrefs(html)).toEqual(["a:/after/"]);
  });

  it("reads SVG's title and style as markup, and CDATA only inside SVG", () => {
    const html = `<svg><title>t</title><a href="/in-svg/"/><![CDATA[ <a href="/cdata/"> ]]></svg><title><a href="/no/"></title><a href="/yes/">`;
    expect(hrefs(html)).toEqual(["a:/in-svg/", "a:/yes/"]);
  });

  it("reads a noscript's content as markup (it shows when scripts are off)", () => {
    expect(hrefs(`<noscript><a href="/n/">n</a></noscript>`)).toEqual(["a:/n/"]);
  });

  it("reads everything after <plaintext> as text", () => {
    expect(hrefs(`<a href="/x/"><plaintext><a href="/y/">`)).toEqual(["a:/x/"]);
  });

  it("drops a tag cut off by the end of the document", () => {
    expect(hrefs(`<a href="/x/">ok</a><a href="/cut/`)).toEqual(["a:/x/"]);
  });

  it("treats a `<` that starts no tag as text", () => {
    expect(hrefs(`1 < 2 <3 </ > <a href="/x/">`)).toEqual(["a:/x/"]);
  });
});
