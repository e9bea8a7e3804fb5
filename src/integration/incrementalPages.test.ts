import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiskCache } from "../core/cache/diskCache.ts";
import { restoreLedger } from "../core/cache/pageLedger.ts";
import { contentDigest as digestOf } from "../core/files/fileDigests.ts";
import type { Diagnostic } from "../core/diagnostics.ts";
import { distrustUnacceptedManifest, dropChangedCopies, manifestPages, pageLedgerOf, savePageLedger } from "./incrementalPages.ts";
import { pageScope } from "./pageScope.ts";
import { onRequest, pageNameOf } from "./pageScopeMiddleware.ts";

let dir: string;
const manifestFile = () => path.join(dir, "astro", "incremental-build.json");
const cacheOf = () => new DiskCache({ dir: path.join(dir, "runfolio"), codeVersion: "c", warn: () => undefined });
const writeCopy = async (copy: string, text: string) => {
  const file = path.join(dir, "astro", "dist", copy);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
};
const manifest = (pages: string[]) => JSON.stringify({ version: 1, routes: { "src/pages/runs/[...id].astro": { dependencyHash: "h", paths: Object.fromEntries(pages.map((p) => [p, { cacheKey: "k", outputFile: `${p.slice(1)}/index.html` }])) } } });

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-incremental-"));
  await mkdir(path.join(dir, "astro"), { recursive: true });
});
afterEach(async () => {
  pageScope().ledger = null;
  await rm(dir, { recursive: true, force: true });
});

describe("Astro's manifest of the last build", () => {
  it("is deleted unless the ledger of a successful build names it", async () => {
    await writeFile(manifestFile(), manifest(["/runs/a"]));
    expect(await distrustUnacceptedManifest(path.join(dir, "astro"), null)).toBe(true);
    expect(existsSync(manifestFile())).toBe(false);

    await writeFile(manifestFile(), manifest(["/runs/a"]));
    const accepted = { manifest: digestOf(await readFile(manifestFile())), pages: new Map(), copies: new Map() };
    expect(await distrustUnacceptedManifest(path.join(dir, "astro"), accepted)).toBe(false);
    expect(existsSync(manifestFile())).toBe(true);
    // Written again by a build that then failed: not the accepted one.
    await writeFile(manifestFile(), manifest(["/runs/a", "/runs/b"]));
    expect(await distrustUnacceptedManifest(path.join(dir, "astro"), accepted)).toBe(true);
    expect(existsSync(manifestFile())).toBe(false);
  });

  it("lists its pages, and none when it has another shape", () => {
    expect(manifestPages(JSON.parse(manifest(["/runs/a", "/runs/b"])))).toEqual([
      { page: "/runs/a", copy: "runs/a/index.html" },
      { page: "/runs/b", copy: "runs/b/index.html" },
    ]);
    // A copy's path that would leave Astro's folder is not one.
    expect(manifestPages({ routes: { r: { paths: { "/x": { outputFile: "../../x.html" } } } } })).toEqual([{ page: "/x", copy: null }]);
    expect(manifestPages({ routes: [1, 2] })).toEqual([]);
    expect(manifestPages(null)).toEqual([]);
  });
});

describe("the page ledger across builds", () => {
  it("attributes entries to the page rendering, carries skipped pages and accepts the manifest", async () => {
    const cache = cacheOf();
    const ledger = pageLedgerOf(cache);
    const page = async (url: string, work: () => Promise<void>) => {
      await onRequest({ url: new URL(url, "http://localhost") }, async () => {
        await work();
        return new Response("");
      });
    };
    await page("/runs/a/", async () => void (await cache.set("png", "1".repeat(64), Buffer.from("a"))));
    await page("/runs/b", async () => void (await cache.set("png", "2".repeat(64), Buffer.from("b"))));
    // Outside any page (a loader): used, attributed to none.
    await cache.set("source", "3".repeat(64), Buffer.from("c"));
    await writeFile(manifestFile(), manifest(["/runs/a", "/runs/b"]));
    await writeCopy("runs/a/index.html", "<p>a</p>");
    await writeCopy("runs/b/index.html", "<p>b</p>");
    await savePageLedger(cache, ledger, null, path.join(dir, "astro"));
    const saved = await restoreLedger(cacheOf());
    expect(saved?.manifest).toBe(digestOf(await readFile(manifestFile())));
    expect(saved?.copies).toEqual(new Map([["runs/a/index.html", digestOf(Buffer.from("<p>a</p>"))], ["runs/b/index.html", digestOf(Buffer.from("<p>b</p>"))]]));
    expect([...saved!.pages]).toEqual([
      ["/runs/a", [`png/11/${"1".repeat(64)}.bin`]],
      ["/runs/b", [`png/22/${"2".repeat(64)}.bin`]],
    ]);

    // The next build renders /runs/a only (Astro skipped /runs/b): /runs/b's entry survives prune.
    const next = cacheOf();
    const nextLedger = pageLedgerOf(next);
    await page("/runs/a", async () => void (await next.get("png", "1".repeat(64))));
    await savePageLedger(next, nextLedger, saved, path.join(dir, "astro"));
    expect(await next.prune()).toBe(1); // the source entry no one used
    expect(existsSync(path.join(dir, "runfolio", "png", "22", `${"2".repeat(64)}.bin`))).toBe(true);
  });

  it("deletes a page copy whose bytes changed since the build that wrote it (CACHE009), and no other", async () => {
    const cache = cacheOf();
    const ledger = pageLedgerOf(cache);
    await writeFile(manifestFile(), manifest(["/runs/a", "/runs/b"]));
    await writeCopy("runs/a/index.html", "<p>a</p>");
    await writeCopy("runs/b/index.html", "<p>b</p>");
    await savePageLedger(cache, ledger, null, path.join(dir, "astro"));
    const saved = await restoreLedger(cacheOf());
    await writeCopy("runs/b/index.html", "<p>B</p>");
    const warnings: Diagnostic[] = [];
    expect(await dropChangedCopies(path.join(dir, "astro"), saved, (d) => warnings.push(d))).toBe(1);
    expect(warnings.map((w) => w.code)).toEqual(["CACHE009"]);
    expect(warnings[0]!.file).toContain(path.join("runs", "b", "index.html"));
    expect(existsSync(path.join(dir, "astro", "dist", "runs", "a", "index.html"))).toBe(true);
    expect(existsSync(path.join(dir, "astro", "dist", "runs", "b", "index.html"))).toBe(false);
    // A copy that is gone is nothing to warn about: Astro renders the page.
    expect(await dropChangedCopies(path.join(dir, "astro"), saved, (d) => warnings.push(d))).toBe(0);
    expect(warnings.length).toBe(1);
  });

  it("names a page as the manifest does: no base, decoded, no trailing slash", () => {
    expect(pageNameOf("/base/runs/a%20b/", "/base/")).toBe("/runs/a b");
    expect(pageNameOf("/base", "/base/")).toBe("/");
    expect(pageNameOf("/runs/x.json", "/")).toBe("/runs/x.json");
    expect(pageNameOf("/baseball/x", "/base")).toBe("/baseball/x");
    expect(pageNameOf("/runs/%E0%A4%A", "/")).toBe("/runs/%E0%A4%A");
  });
});
