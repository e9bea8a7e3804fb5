import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics.ts";
import { DiskCache } from "./diskCache.ts";
import { PageLedger, parseLedger, restoreLedger, saveLedger } from "./pageLedger.ts";

const entry = (kind: string, n: number) => `${kind}/${n.toString(16).padStart(2, "0")}/${n.toString(16).padStart(64, "0")}.bin`;

describe("PageLedger.next", () => {
  it("takes a rendered page's own record, carries a skipped page's, and drops a page that is gone", () => {
    const previous = new Map([
      ["/runs/a", [entry("run-charts", 1)]],
      ["/runs/b", [entry("run-charts", 2)]],
      ["/runs/gone", [entry("run-charts", 3)]],
    ]);
    const ledger = new PageLedger();
    ledger.enter("/runs/a");
    ledger.noteUse("/runs/a", entry("run-charts", 4));
    ledger.noteUse("/runs/a", entry("png", 5));
    ledger.noteUse("/runs/a", entry("run-charts", 4));
    // Rendered, reading nothing: its old record goes with the old page.
    ledger.enter("/runs/c");
    const next = ledger.next(previous, ["/runs/a", "/runs/b", "/runs/c", "/runs/new-but-unrendered"]);
    expect([...next.pages]).toEqual([
      ["/runs/a", [entry("png", 5), entry("run-charts", 4)]],
      ["/runs/b", [entry("run-charts", 2)]],
      ["/runs/c", []],
    ]);
    // Only the skipped page's entries need keeping: the rendered one's were used this build.
    expect(next.kept).toEqual([entry("run-charts", 2)]);
  });
});

describe("the saved ledger", () => {
  let dir: string;
  let warnings: Diagnostic[];
  const cacheOf = () => new DiskCache({ dir, codeVersion: "code-1", warn: (d) => warnings.push(d) });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "runfolio-ledger-"));
    warnings = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("round-trips pages, copies and the manifest digest", async () => {
    const pages = new Map([["/runs/a b", [entry("run-data", 7)]]]);
    const copies = new Map([["runs/a b/index.html", "e".repeat(64)]]);
    await saveLedger(cacheOf(), { manifest: "f".repeat(64), pages, copies });
    expect(await restoreLedger(cacheOf())).toEqual({ manifest: "f".repeat(64), pages, copies });
    expect(warnings).toEqual([]);
  });

  it("rejects a payload that is not a ledger, or names a file outside the cache folder (CACHE008)", async () => {
    expect(parseLedger("[]")).toBeNull();
    expect(parseLedger('{"manifest":"abc","pages":[],"copies":[]}')).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [["/a", ["../../etc/passwd"]]], copies: [] }))).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [["/a", [`/abs/${entry("png", 1)}`]]], copies: [] }))).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [], copies: [["../outside.html", "e".repeat(64)]] }))).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [], copies: [["/abs.html", "e".repeat(64)]] }))).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [], copies: [["a.html", "short"]] }))).toBeNull();
    expect(parseLedger(JSON.stringify({ manifest: null, pages: [["/a", [entry("png", 1)]]], copies: [["a/index.html", "e".repeat(64)]] }))?.pages.get("/a")).toEqual([entry("png", 1)]);
    // A well-formed entry (it passes its checksum) holding something else: warned, not used.
    const cache = cacheOf();
    await cache.set("page-ledger", cache.keyOf("page-ledger", ["v1"]), Buffer.from('{"pages":{}}'));
    expect(await restoreLedger(cacheOf())).toBeNull();
    expect(warnings.map((w) => w.code)).toEqual(["CACHE008"]);
  });

  it("keeps what a skipped page used through prune, and nothing else of the last build", async () => {
    const cache = cacheOf();
    await cache.set("png", "1".repeat(64), Buffer.from("a"));
    await cache.set("png", "2".repeat(64), Buffer.from("b"));
    const later = cacheOf();
    later.keepFiles([`png/11/${"1".repeat(64)}.bin`]);
    expect(await later.prune()).toBe(1);
    const left = await readdir(path.join(dir, "png"), { recursive: true });
    expect(left.filter((f) => f.endsWith(".bin"))).toEqual([path.join("11", `${"1".repeat(64)}.bin`)]);
  });

  it("tells the use listener each entry used, by its path in the cache folder", async () => {
    const cache = cacheOf();
    const used: string[] = [];
    cache.setUseListener((file) => used.push(file));
    await cache.set("png", "3".repeat(64), Buffer.from("c"));
    await cache.get("png", "3".repeat(64));
    cache.keep("run-data", "4".repeat(64));
    await writeFile(path.join(dir, "unrelated.txt"), "x");
    expect(used).toEqual([`png/33/${"3".repeat(64)}.bin`, `png/33/${"3".repeat(64)}.bin`, `run-data/44/${"4".repeat(64)}.bin`]);
  });
});
