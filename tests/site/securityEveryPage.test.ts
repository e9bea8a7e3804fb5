import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../helpers/chromium.ts";
import { buildHostileSite, exercise, hostileOut, openPolicyBrowser, pagesOf, type PolicyBrowser } from "../helpers/hostileSite.ts";
import { exampleOut } from "./buildExampleSite.ts";

/** Every page of the hostile and the example site, used in Chromium: not one CSP violation. */
describe.runIf(chromiumAvailable())("every page works under its own policy, interacted with", () => {
  let s: PolicyBrowser;

  beforeAll(async () => {
    await buildHostileSite();
    s = await openPolicyBrowser();
  }, 300_000);

  afterAll(async () => {
    await s?.close();
  });

  for (const [site, dir] of [
    ["hostile", hostileOut],
    ["example", exampleOut],
  ] as const) {
    it(`every page of the ${site} site works under the policy, interacted with, with no violation`, async () => {
      const base = site === "hostile" ? s.server.url : s.exampleServer.url;
      const files = await pagesOf(dir);
      expect(files.length).toBeGreaterThan(site === "hostile" ? 8 : 40);
      const compareLinks = new Set<string>();
      const kinds = new Set<string>();
      for (const file of files) {
        const rel = file.replace(/(^|\/)index\.html$/, "$1");
        await s.visit(`${base}/${rel}`);
        for (const kind of await exercise(s.page)) kinds.add(kind);
        for (const href of await s.page.locator("a[href*='compare/?']").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) compareLinks.add(href);
        await s.expectQuiet(`${site}: ${file}`);
      }
      // The compare page with runs in its URL loads their data and draws its charts.
      const compare = [...compareLinks].sort()[0];
      if (compare) {
        await s.visit(compare);
        await s.page.waitForLoadState("networkidle");
        expect(await s.page.locator("#rf-compare svg").count()).toBeGreaterThan(0);
        await s.expectQuiet(`${site}: ${compare}`);
        kinds.add("compare");
      }
      expect([...kinds].sort()).toEqual(
        site === "hostile"
          ? ["chart", "config", "explorer", "export", "search", "table"]
          : ["chart", "compare", "config", "explorer", "export", "search", "table"],
      );
    }, 600_000);
  }
});
