import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { buildHostileSite, expectPolicyHolds, HOSTILE, hostileOut, pagesOf, urlAttributes, type VectorRun } from "../helpers/hostileSite.ts";
import { exampleOut } from "./buildExampleSite.ts";
import { chartPayloadInDist } from "../helpers/chartPayload.ts";

/**
 * The hostile site's and the example site's built pages, read as HTML: the policy first in every
 * head, no injected element, handler, URL or inline script (tests/helpers/hostileSite.ts says
 * what the hostile site holds; securityBrowser and securityEveryPage open the same build in Chromium).
 */
describe("hostile run and report text, in the built pages", () => {
  let vectors: VectorRun;

  beforeAll(async () => {
    vectors = await buildHostileSite();
  }, 300_000);

  it("builds to pages with the policy first in their head and no injected element, handler, URL or inline script", async () => {
    const files = await pagesOf(hostileOut);
    // Every page is checked below; these are the ones that carry the hostile text.
    expect(files).toEqual(
      expect.arrayContaining([
        "index.html",
        "reports/hostile/index.html",
        "runs/evil/img/index.html",
        "runs/evil/script/index.html",
        "runs/evil/svg/index.html",
        "runs/xss/vectors/index.html",
        "runs/index.html",
      ]),
    );
    for (const file of files) {
      const doc = await expectPolicyHolds(hostileOut, file);
      // The one image is the report's own (sanitized) one, from the site itself.
      const images = doc.querySelectorAll("img").map((el) => el.toString());
      expect(images, file).toEqual(file === "reports/hostile/index.html" ? ['<img src="../../favicon.svg" alt="an icon">'] : []);
      const handlers = doc
        .querySelectorAll("*")
        .flatMap((el) => Object.keys(el.attributes).filter((a) => /^on/i.test(a)).map((a) => `${el.tagName} ${a}`));
      expect(handlers, file).toEqual([]);
      const urls = doc.querySelectorAll("*").flatMap((el) => urlAttributes.map((a) => el.getAttribute(a)).filter((v): v is string => v !== undefined));
      expect(urls.filter((u) => /^\s*(javascript|vbscript|data):/i.test(u)), file).toEqual([]);
      for (const tag of ["iframe", "object", "embed", "base", "details[ontoggle]"]) expect(doc.querySelectorAll(tag).length, `${file}: ${tag}`).toBe(0);
      // Nested <svg> only as the build-time charts, the run colour swatch and legend swatches.
      for (const svg of doc.querySelectorAll("svg")) {
        const ok = svg.parentNode?.hasAttribute("data-runfolio-chart") || svg.classList.contains("swatch") || svg.classList.contains("rf-swatch");
        expect(ok, `${file}: ${svg.toString().slice(0, 120)}`).toBe(true);
      }
    }
    // The hydration payload carries the names exactly, in JSON that cannot close its <script>.
    const report = parseHtml(await readFile(path.join(hostileOut, "reports/hostile/index.html"), "utf8"));
    const payloads = report.querySelectorAll("script.rf-chart-data");
    expect(payloads.length).toBe(3);
    for (const p of payloads) expect(p.innerHTML).not.toMatch(/<\/script|<!--/i);
    const series = async (i: number) => ((await chartPayloadInDist(hostileOut, payloads[i]!)) as { data: { series: { name: string }[] } }).data.series.map((s) => s.name);
    expect((await series(0)).sort()).toEqual([...HOSTILE].sort());
    expect(await series(2)).toEqual([vectors.name]);
  });

  it("builds the example site to pages with the policy first in their head and no inline script or style", async () => {
    const files = await pagesOf(exampleOut);
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) await expectPolicyHolds(exampleOut, file);
  });
});
