import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../helpers/chromium.ts";
import { buildHostileSite, HOSTILE, HOSTILE_RUNS, OTHER_PROJECTS, openPolicyBrowser, type PolicyBrowser, type VectorRun } from "../helpers/hostileSite.ts";

/**
 * The hostile site in Chromium, served with no header: under the policy of the pages' own meta
 * tag, every run and report string shows as text and nothing runs.
 */
describe.runIf(chromiumAvailable())("hostile run and report text, in Chromium under the pages' own policy", () => {
  let vectors: VectorRun;
  let s: PolicyBrowser;

  beforeAll(async () => {
    vectors = await buildHostileSite();
    s = await openPolicyBrowser();
  }, 300_000);

  afterAll(async () => {
    await s?.close();
  });

  it("home shows the report's title, description and authors as text", async () => {
    const { text } = await s.visit(`${s.server.url}/`);
    for (const s of HOSTILE) expect(text).toContain(s);
    // The site also holds the long-text report (tests/site/limits.test.ts).
    expect(await s.page.locator('.cards h3 a[href$="/reports/hostile/"]').innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
    await s.expectQuiet("home");
  });

  it("the report hydrates its charts, and its title, blocks, table and tooltip stay text", async () => {
    const { text, charts } = await s.visit(`${s.server.url}/reports/hostile/`);
    expect(charts).toBe(3);
    expect(await s.page.title()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]} · Runfolio`);
    expect(await s.page.locator("h1").innerText()).toBe(`${HOSTILE[0]} and ${HOSTILE[1]}`);
    expect(await s.page.locator(".lede").innerText()).toBe(`${HOSTILE[2]} in the description`);
    expect(await s.page.locator("figcaption").first().innerText()).toBe(HOSTILE.join(" "));
    expect(await s.page.locator("table.rf-table > caption").first().innerText()).toBe(`${HOSTILE[1]} ${HOSTILE[2]}`);
    for (const s of HOSTILE) expect(text).toContain(s);
    expect(await s.page.locator("code", { hasText: "onerror" }).innerText()).toBe(HOSTILE[0]);
    // Table rows: name, group, tags, notes, config values, hostile-named summary column.
    const table = s.page.locator(".rf-table").first();
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText));
    expect(rows.length).toBe(3);
    for (const s of HOSTILE) expect(rows.filter((r) => r.includes(s)).length).toBe(3);
    // The hostile-named summary column's header is text (results sit next to the name: reading order).
    const headers = await table.locator("thead th").allInnerTexts();
    expect(headers.filter((h) => h === `\`${HOSTILE[0]}\``)).toHaveLength(1);

    // The line chart's tooltip (built with textContent) shows a run name as text.
    const chart = s.page.locator("figure[data-runfolio-chart]").first();
    await chart.scrollIntoViewIfNeeded();
    const view = chart.locator(":scope > svg").first();
    const box = (await view.boundingBox())!;
    let tip = "";
    for (let fx = 0.1; fx <= 0.75 && !tip; fx += 0.04) {
      for (let fy = 0.05; fy <= 0.95 && !tip; fy += 0.05) {
        await s.page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
        const el = chart.locator(".rf-chart-tooltip:not([hidden])");
        if (await el.count()) tip = (await el.innerText()).trim();
      }
    }
    expect(HOSTILE.some((s) => tip.includes(s)), `tooltip: ${tip}`).toBe(true);
    expect(await chart.locator(".rf-chart-tooltip img, .rf-chart-tooltip svg, .rf-chart-tooltip script").count()).toBe(0);
    await s.page.mouse.move(0, 0);
    await s.expectQuiet("report");
  });

  it("the report's prose keeps its text and its allowed markup, without what was removed", async () => {
    await s.visit(`${s.server.url}/reports/hostile/`);
    const prose = s.page.locator("article");
    expect(await prose.locator("iframe, object, embed, form, style, script:not([type='application/json'])").count()).toBe(0);
    expect(await prose.locator("a", { hasText: "a script link" }).getAttribute("href")).toBeNull();
    expect(await prose.locator("a", { hasText: "a mixed-case one" }).getAttribute("href")).toBeNull();
    expect(await prose.locator("a", { hasText: "javascript:alert(1)" }).first().getAttribute("href")).toBeNull();
    expect(await prose.locator("span", { hasText: "styled" }).getAttribute("style")).toBeNull();
    expect(await prose.locator("img[alt='an icon']").evaluate((img) => (img as HTMLImageElement).naturalWidth > 0)).toBe(true);
    // The details stay, open, and toggling them runs nothing.
    const details = prose.locator("details", { hasText: "Toggled details" });
    expect(await details.getAttribute("open")).toBe("");
    await details.locator("summary").click();
    await details.locator("summary").click();
    expect(await details.locator("p").innerText()).toBe("Inside the details.");
    await s.expectQuiet("report prose");
  });

  it("the vectors in a block's YAML title and a run's fields stay text in the report", async () => {
    await s.visit(`${s.server.url}/reports/hostile/`);
    expect(await s.page.locator("figcaption").nth(2).innerText()).toBe(`<details open ontoggle=alert(1)>x <iframe srcdoc="<script>alert(1)</script>"></iframe> javascript:alert(1)`);
    const table = s.page.locator(".rf-table").last();
    expect(await table.locator("caption").innerText()).toBe('<details open ontoggle=alert(1)>table <a href="javascript:alert(1)">x</a>');
    const row = await table.locator("tbody tr").innerText();
    for (const s of [vectors.name, vectors.group, ...vectors.tags, vectors.notes, vectors.config.payload!, vectors.config.url!]) expect(row).toContain(s);
    await s.expectQuiet("report blocks");
  });

  it("the runs page lists every run's name, group and tags as text", async () => {
    const { text } = await s.visit(`${s.server.url}/runs/`);
    for (const s of HOSTILE) expect(text).toContain(s);
    // The runs of the "file names" project (tests/site/fileNames.test.ts) are listed beside these.
    // Run links of the other suites' projects are listed beside these (their href names the project).
    const rows = await s.page.locator(".rf-table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("a")].map((a) => ({ text: a.innerText, href: decodeURIComponent(a.getAttribute("href") ?? "") }))),
    );
    const ours = rows.filter((links) => !links.some((a) => OTHER_PROJECTS.some((p) => a.href.includes(`/runs/${p}/`))));
    expect(ours.length).toBeGreaterThan(0);
    const links = ours.flat().map((a) => a.text);
    expect(new Set(links)).toEqual(new Set([...HOSTILE, vectors.name]));
    await s.expectQuiet("runs");
  });

  for (const [i, id] of HOSTILE_RUNS.entries()) {
    it(`run page ${id} shows its name, notes, tags, group, git, config and metrics as text`, async () => {
      const { text, charts } = await s.visit(`${s.server.url}/runs/${id}/`);
      expect(charts).toBe(4);
      expect(await s.page.locator("h1").innerText()).toContain(HOSTILE[i]!);
      expect(await s.page.title()).toBe(`${HOSTILE[i]} · Runfolio`);
      expect(await s.page.locator(".notes").innerText()).toBe(`notes: ${HOSTILE[i]} then ${HOSTILE[(i + 1) % 3]} then ${HOSTILE[(i + 2) % 3]}`);
      const captions = await s.page.locator("figcaption").allInnerTexts();
      expect([...captions].sort()).toEqual([...HOSTILE, "loss"].sort());
      const configValues = await s.page.locator(".config-tree .val").allInnerTexts();
      expect(configValues).toContain(HOSTILE[i]);
      expect(await s.page.locator(".config-tree .key").allInnerTexts()).toContain(HOSTILE[i]);
      for (const s of HOSTILE) expect(text).toContain(s);
      await s.expectQuiet(id);
    });
  }

  it("run page xss/vectors shows its `javascript:` and markup fields as text, none as a link", async () => {
    const { text } = await s.visit(`${s.server.url}/runs/xss/vectors/`);
    expect(await s.page.locator("h1").innerText()).toContain(vectors.name);
    // Notes are markdown whose raw HTML shows as text and whose unsafe links are text.
    expect(await s.page.locator(".notes").innerText()).toBe(`notes link javascript:alert(1) <img src=x onerror="window.__pwned='notes'">`);
    expect(await s.page.locator(".notes a").count()).toBe(0);
    for (const s of [vectors.group, ...vectors.tags, vectors.git.branch, vectors.git.remote]) expect(text).toContain(s);
    const configValues = await s.page.locator(".config-tree .val").allInnerTexts();
    for (const v of Object.values(vectors.config)) expect(configValues).toContain(v);
    expect(await s.page.locator(".config-tree .key").allInnerTexts()).toContain("<details open ontoggle=alert(1)>");
    const hrefs = await s.page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
    await s.expectQuiet("xss/vectors");
  });
});
