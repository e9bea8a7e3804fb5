import { describe, expect, it } from "vitest";
import { atomDate, atomFeed, FEED_EPOCH, xml, type FeedEntry } from "../../src/core/feed/atomFeed.ts";
import { childrenNamed, childText, parseXml } from "./xmlCheck.ts";

const HOSTILE = `<img src=x onerror=alert(1)> & "quotes" 'apos' ]]> </summary>`;

const entry = (slug: string, date: string, extra: Partial<FeedEntry> = {}): FeedEntry => ({
  slug,
  title: `Report ${slug}`,
  summary: `About ${slug}`,
  date,
  authors: ["Ada Lovelace"],
  href: `/reports/${slug}/`,
  ...extra,
});

describe("the Atom feed", () => {
  const entries = [entry("b-old", "2025-03-01"), entry("c-new", "2026-11-20"), entry("a-new", "2026-11-20"), entry("mid", "2026-01-05")];

  it("is well-formed Atom with the reports newest first, ties by slug", () => {
    const feed = parseXml(atomFeed({ title: "Runfolio reports", selfHref: "/feed.xml", homeHref: "/", siteUrl: null, entries }));
    expect(feed.name).toBe("feed");
    expect(feed.attrs.xmlns).toBe("http://www.w3.org/2005/Atom");
    const items = childrenNamed(feed, "entry");
    expect(items.map((e) => childText(e, "title"))).toEqual(["Report a-new", "Report c-new", "Report mid", "Report b-old"]);
    expect(childText(feed, "updated")).toBe("2026-11-20T00:00:00Z");
    expect(items.map((e) => childText(e, "updated"))).toEqual([
      "2026-11-20T00:00:00Z",
      "2026-11-20T00:00:00Z",
      "2026-01-05T00:00:00Z",
      "2025-03-01T00:00:00Z",
    ]);
    // Every entry has the elements RFC 4287 requires, ids unique and stable.
    const ids = items.map((e) => childText(e, "id")!);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const e of items) {
      expect(childrenNamed(e, "author").length).toBeGreaterThan(0);
      expect(childrenNamed(e, "link")[0]!.attrs).toMatchObject({ rel: "alternate", type: "text/html" });
    }
    // Without the site's address, links are relative to the feed, which is at the site's root.
    expect(childrenNamed(items[0]!, "link")[0]!.attrs.href).toBe("reports/a-new/");
    expect(childrenNamed(feed, "link").find((l) => l.attrs.rel === "self")!.attrs.href).toBe("feed.xml");
    expect(childrenNamed(feed, "link").find((l) => l.attrs.rel === "alternate")!.attrs.href).toBe("./");
  });

  it("gives the same bytes for the same reports, whatever their order or the clock", () => {
    const a = atomFeed({ title: "t", selfHref: "/feed.xml", homeHref: "/", siteUrl: null, entries });
    const b = atomFeed({ title: "t", selfHref: "/feed.xml", homeHref: "/", siteUrl: null, entries: [...entries].reverse() });
    expect(a).toBe(b);
    expect(a).not.toContain(String(new Date().getUTCFullYear() + 1));
  });

  it("escapes titles, summaries, authors and links as text", () => {
    const text = atomFeed({
      title: HOSTILE,
      selfHref: "/feed.xml?a=1&b=2",
      homeHref: "/",
      siteUrl: null,
      entries: [entry("x", "2026-01-01", { title: HOSTILE, summary: HOSTILE, authors: [HOSTILE], href: `/reports/x/?q="&<` })],
    });
    expect(text).not.toContain("<img");
    expect(text).not.toContain("</summary>\n    </summary>");
    const feed = parseXml(text);
    const e = childrenNamed(feed, "entry")[0]!;
    expect(childText(feed, "title")).toBe(HOSTILE);
    expect(childText(e, "title")).toBe(HOSTILE);
    expect(childText(e, "summary")).toBe(HOSTILE);
    expect(childText(childrenNamed(e, "author")[0]!, "name")).toBe(HOSTILE);
    expect(childrenNamed(e, "link")[0]!.attrs.href).toBe(`reports/x/?q="&<`);
    expect(childrenNamed(feed, "link")[0]!.attrs.href).toBe("feed.xml?a=1&b=2");
  });

  it("without an address, links relative to the feed's folder resolve to the same pages under a base path", () => {
    const feed = parseXml(atomFeed({ title: "t", selfHref: "/exp/feed.xml", homeHref: "/exp/", siteUrl: null, entries: [entry("x", "2026-01-01", { href: "/exp/reports/x/" }), entry("y", "2026-01-02", { href: "/elsewhere/y/" })] }));
    const hrefs = childrenNamed(feed, "entry").map((e) => childrenNamed(e, "link")[0]!.attrs.href!);
    expect(hrefs).toEqual(["/elsewhere/y/", "reports/x/"]);
    const feedUrl = "https://host.example/exp/feed.xml";
    expect(new URL(hrefs[1]!, feedUrl).href).toBe("https://host.example/exp/reports/x/");
    expect(new URL(childrenNamed(feed, "link")[1]!.attrs.href!, feedUrl).href).toBe("https://host.example/exp/");
  });

  it("drops characters XML cannot carry", () => {
    expect(xml("a\u0000b\u0008c\uFFFEd")).toBe("abcd");
    expect(() => parseXml(`<a>${xml("tab\tline\nok")}</a>`)).not.toThrow();
  });

  it("uses absolute ids and links when the site's address is configured", () => {
    const feed = parseXml(
      atomFeed({ title: "t", selfHref: "/exp/feed.xml", homeHref: "/exp/", siteUrl: "https://ada.github.io/exp/", entries: [entry("x", "2026-01-01", { href: "/exp/reports/x/" })] }),
    );
    const e = childrenNamed(feed, "entry")[0]!;
    expect(childText(feed, "id")).toBe("https://ada.github.io/exp/");
    expect(childText(e, "id")).toBe("https://ada.github.io/exp/reports/x/");
    expect(childrenNamed(e, "link")[0]!.attrs.href).toBe("https://ada.github.io/exp/reports/x/");
    expect(childrenNamed(feed, "link")[0]!.attrs.href).toBe("https://ada.github.io/exp/feed.xml");
  });

  it("has a fixed updated date when no report has one, and no entry without a summary gets an empty one", () => {
    const empty = parseXml(atomFeed({ title: "t", selfHref: "/feed.xml", homeHref: "/", siteUrl: null, entries: [] }));
    expect(childText(empty, "updated")).toBe(FEED_EPOCH);
    expect(childrenNamed(empty, "entry")).toEqual([]);
    const noSummary = parseXml(atomFeed({ title: "t", selfHref: "/f", homeHref: "/", siteUrl: null, entries: [entry("x", "2026-01-01", { summary: null, authors: [] })] }));
    const e = childrenNamed(noSummary, "entry")[0]!;
    expect(childrenNamed(e, "summary")).toEqual([]);
    expect(childText(childrenNamed(e, "author")[0]!, "name")).toBe("Runfolio");
  });

  it("accepts only YYYY-MM-DD dates", () => {
    expect(atomDate("2026-11-20")).toBe("2026-11-20T00:00:00Z");
    expect(() => atomDate("yesterday")).toThrow();
  });

  it("the XML check itself rejects broken XML", () => {
    expect(() => parseXml("<a><b></a></b>")).toThrow();
    expect(() => parseXml("<a>x & y</a>")).toThrow();
    expect(() => parseXml("<a>1 < 2</a>")).toThrow();
    expect(() => parseXml("<a><b></a>")).toThrow();
  });
});
