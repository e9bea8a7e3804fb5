import { describe, expect, it } from "vitest";
import { relativeCssUrls } from "./relativeCssUrls.ts";

const ctx = { filePath: "_astro/site.abc.css", base: "/" };

describe("relativeCssUrls", () => {
  it("rewrites root-absolute url() and @import, quoted or not", () => {
    const css = `@import "/_astro/base.css";.a{background:url(/img/a.png)}.b{background:URL( "/img/b.svg#i" )}.c{src:url('/fonts/c.woff2')}`;
    expect(relativeCssUrls(css, ctx)).toBe(`@import "base.css";.a{background:url(../img/a.png)}.b{background:URL( "../img/b.svg#i" )}.c{src:url('../fonts/c.woff2')}`);
  });

  it("leaves relative, external and data URLs, comments and other strings alone", () => {
    const css = `.a{background:url(a.png)}.b{background:url(https://x/y.png)}.c{background:url(data:image/svg+xml;utf8,<svg/>)}/* url(/z.png) */.d::after{content:"url(/q.png)"}.e{mask:myurl(/m.png)}`;
    expect(relativeCssUrls(css, ctx)).toBe(css);
  });
});
