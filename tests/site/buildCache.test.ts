import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, repoRoot, type BuildResult } from "../helpers/buildSite.ts";

/**
 * A small project built cold, then again with the build cache the first build left (Runfolio's
 * part of it: parsed runs, histories, run data, run pages' charts, preview PNGs, file stamps) after
 * damaging some of its entries: the warm build (`--force`: every page rendered) warns about each
 * damaged entry, reuses the others, and writes the same bytes. A third build, nothing changed,
 * copies every keyed page from the last one (Astro's incremental build) and writes the same bytes
 * again. Then rows are appended to one run: built with that cache (the grouped chart drawn again
 * from its other groups' parts; the other runs' JSON, cards and pages copied) and cold, the two
 * give the same bytes; one more run is renamed at the same time, so the pages listing it change.
 */
const base = path.join(repoRoot, "test-artifacts/build-cache");
const dataDir = path.join(base, "data");
const cacheDir = path.join(base, "cache");
const coldOut = path.join(base, "cold");
const warmOut = path.join(base, "warm");
const skippedOut = path.join(base, "skipped");
const appendedOut = path.join(base, "appended");
const appendedColdOut = path.join(base, "appended-cold");
const entriesDir = path.join(cacheDir, "runfolio");
/** Astro's incremental build on (off by default), so unchanged pages are copied from the last build. */
const INCREMENTAL = { RUNFOLIO_INCREMENTAL: "1" };

async function writeProject(): Promise<void> {
  for (let r = 0; r < 6; r++) {
    const dir = path.join(dataDir, "runs", "sweep", `lr-${r}`);
    await mkdir(dir, { recursive: true });
    const rows = ["step,time,train/loss,val/loss"];
    // Longer than a grouped chart's grid (1,000 points): its lines come from the runs' facts, one group's line a part.
    for (let s = 0; s < 1200; s++) rows.push(`${s},${1767225600 + s},${(2 / Math.sqrt(s + 1 + r)).toPrecision(6)},${s % 7 === 3 ? "" : (2.2 / Math.sqrt(s + 1)).toPrecision(6)}`);
    await writeFile(path.join(dir, "history.csv"), rows.join("\n") + "\n");
    await writeFile(path.join(dir, "run.json"), JSON.stringify({ name: `lr ${r}`, group: `g${r % 2}`, config: { lr: r % 3 } }));
  }
  const jsonl = Array.from({ length: 50 }, (_, s) => JSON.stringify({ step: s, "train/loss": 1 / (s + 1) })).join("\n");
  await mkdir(path.join(dataDir, "runs", "other", "lines"), { recursive: true });
  await writeFile(path.join(dataDir, "runs", "other", "lines", "history.jsonl"), jsonl + "\n");
  await writeFile(path.join(dataDir, "runs", "other", "lines", "run.json"), JSON.stringify({ name: "lines" }));
  await mkdir(path.join(dataDir, "reports"), { recursive: true });
  await writeFile(
    path.join(dataDir, "reports", "sweep.md"),
    "---\ntitle: Sweep\n---\n\n```chart\ny: train/loss\nruns: project = \"sweep\"\ngroup: config.lr\n```\n\n```chart\ny: val/loss\n```\n\n" +
      "```runs\nruns: project = \"sweep\"\ncolumns: [name, config.lr, summary.val/loss]\n```\n",
  );
}

async function digests(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of (await fg("**/*", { cwd: dir, onlyFiles: true, dot: true })).sort()) {
    out.set(f, createHash("sha256").update(await readFile(path.join(dir, f))).digest("hex"));
  }
  return out;
}

/**
 * The pages a build log lists, each with whether it was copied from the last build. Pages render
 * four at once, so a page's line can end with the next page's timestamp; a copied page's mark
 * follows its path at once.
 */
function pageLines(output: string): { page: string; restored: boolean }[] {
  return [...output.matchAll(/[├└]─ (\/\S*?)(?= \((?:restored|cached)\)|\d\d:\d\d:\d\d|\s|$)( \((?:restored|cached)\))?/g)].map((m) => ({ page: m[1]!, restored: m[2] !== undefined }));
}

const entries = async (kind: string) => (await fg(`${kind}/**/*.bin`, { cwd: entriesDir, absolute: true })).sort();

let cold: BuildResult;
let warm: BuildResult;
let skipped: BuildResult;
let appended: BuildResult;
let appendedCold: BuildResult;
let partsBefore: string[] = [];
const damaged: string[] = [];
const inodes = new Map<string, number>();
const inodesAfterWarm = new Map<string, number>();

beforeAll(async () => {
  await rm(base, { recursive: true, force: true });
  await writeProject();
  cold = await buildSite({ dataDir, outDir: coldOut, cacheDir, env: INCREMENTAL });
  if (cold.code !== 0) throw new Error(`the cold build failed:\n${cold.output}`);
  // Entries the warm build reads (it reads no history: its charts, run data and check come from
  // the cache). One flipped byte, one cut short, one replaced by a file of another program.
  const runCharts = await entries("run-charts");
  const pngs = await entries("png");
  const runData = await entries("run-data");
  const flipped = await readFile(runCharts[0]!);
  flipped[flipped.length - 100] ^= 0x55;
  await writeFile(runCharts[0]!, flipped);
  await writeFile(pngs[0]!, (await readFile(pngs[0]!)).subarray(0, 300));
  await writeFile(runData[0]!, "step,loss\n0,1\n");
  damaged.push(runCharts[0]!, pngs[0]!, runData[0]!);
  for (const f of await fg("**/*.bin", { cwd: entriesDir, absolute: true })) inodes.set(f, (await stat(f)).ino);
  warm = await buildSite({ dataDir, outDir: warmOut, cacheDir, args: ["--force"], env: INCREMENTAL });
  if (warm.code !== 0) throw new Error(`the warm build failed:\n${warm.output}`);
  for (const file of inodes.keys()) inodesAfterWarm.set(file, (await stat(file)).ino);
  // Astro's copy of one page damaged: it must be rendered again, not published.
  const copy = path.join(cacheDir, "dist", "runs", "sweep", "lr-2", "index.html");
  await writeFile(copy, (await readFile(copy, "utf8")).replace("lr 2", "lr 9"));
  skipped = await buildSite({ dataDir, outDir: skippedOut, cacheDir, env: INCREMENTAL });
  if (skipped.code !== 0) throw new Error(`the build with nothing changed failed:\n${skipped.output}`);
  partsBefore = await entries("chart-part");
  // lr-1 (config.lr 1) went on training: only its group's grid moves.
  const rows = Array.from({ length: 30 }, (_, i) => `${1200 + i},${1767226800 + i},${(2 / Math.sqrt(1202 + i)).toPrecision(6)},0.05`);
  await appendFile(path.join(dataDir, "runs", "sweep", "lr-1", "history.csv"), rows.join("\n") + "\n");
  // And lr-3 renamed: the pages of its group (g1: lr-1, lr-5) list it by name.
  await writeFile(path.join(dataDir, "runs", "sweep", "lr-3", "run.json"), JSON.stringify({ name: "lr three", group: "g1", config: { lr: 0 } }));
  appended = await buildSite({ dataDir, outDir: appendedOut, cacheDir, env: INCREMENTAL });
  if (appended.code !== 0) throw new Error(`the build after appending failed:\n${appended.output}`);
  appendedCold = await buildSite({ dataDir, outDir: appendedColdOut, cacheDir: path.join(base, "cache-appended"), env: INCREMENTAL });
  if (appendedCold.code !== 0) throw new Error(`the cold build after appending failed:\n${appendedCold.output}`);
}, 900_000);

describe("astro build with a warm build cache", () => {
  it("the cold build stored parsed runs, histories, run data and preview PNGs, and the warm one kept them", async () => {
    expect((await entries("source")).length).toBe(7);
    // Kept although the warm build read none of them again (its charts and run data were cached).
    expect((await entries("history")).length).toBe(7);
    expect((await entries("run-data")).length).toBe(7);
    // A card per run and one per report.
    expect((await entries("png")).length).toBe(8);
    // All the charts of a run page in one entry.
    expect((await entries("run-charts")).length).toBe(7);
    // The run files' stamps (fileDigests.ts), for the next build to skip hashing unchanged files.
    const stamps = await entries("file-stamps");
    expect(stamps.length).toBe(1);
    const table = await readFile(stamps[0]!, "utf8");
    for (let r = 0; r < 6; r++) expect(table).toContain(path.join(dataDir, "runs", "sweep", `lr-${r}`, "history.csv"));
    // The CRC-32 of each entry the build verified or wrote (verifiedEntryTable.ts), the run data's among them.
    const verified = await entries("verified-entries");
    expect(verified.length).toBe(1);
    expect(await readFile(verified[0]!, "utf8")).toMatch(/"run-data\/[0-9a-f]{2}\/[0-9a-f]{64}\.bin",\d+\]/);
  });

  it("writes every file of dist/ with the same bytes as the cold build", async () => {
    const [a, b] = await Promise.all([digests(coldOut), digests(warmOut)]);
    expect(a.size).toBeGreaterThan(20);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
  });

  it("with nothing changed, copies every keyed page from the last build, the same bytes, and keeps the entries those pages use", async () => {
    const lines = pageLines(skipped.output);
    const restored = lines.filter((l) => l.restored).map((l) => l.page);
    for (const id of ["sweep/lr-0", "sweep/lr-5", "other/lines"]) {
      expect(restored).toContain(`/runs/${id}/index.html`);
      expect(restored).toContain(`/data/runs/${id}.json`);
      expect(restored).toContain(`/og/runs/${id}.png`);
    }
    expect(restored).toContain("/reports/sweep/index.html");
    expect(restored).toContain("/og/reports/sweep.png");
    // Rendered again: the pages with no key (lists, the explorer's index, the home page), and the
    // one whose copy was damaged (warned).
    const rendered = lines.filter((l) => !l.restored).map((l) => l.page);
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.filter((p) => /^\/(runs\/(?!index\.html$)|data\/runs\/|og\/|reports\/|embed\/)/.test(p))).toEqual(["/runs/sweep/lr-2/index.html"]);
    expect([...skipped.output.matchAll(/CACHE00\d/g)].map((m) => m[0])).toEqual(["CACHE009"]);
    const [a, b] = await Promise.all([digests(coldOut), digests(skippedOut)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
    // No page read its entries, yet they are all still there for the next change.
    expect((await entries("run-charts")).length).toBe(7);
    expect((await entries("run-data")).length).toBe(7);
    expect((await entries("png")).length).toBe(8);
  });

  it("after rows are appended to one run, builds with the cache the same bytes as without it, the grouped chart drawing one group again", async () => {
    // One part per group of the grouped chart (config.lr 0, 1, 2), all kept through the warm build.
    expect(partsBefore.length).toBe(3);
    const partsAfter = await entries("chart-part");
    expect(partsAfter.filter((f) => partsBefore.includes(f)).length).toBe(2);
    expect(partsAfter.length).toBe(3);
    const [a, b] = await Promise.all([digests(appendedColdOut), digests(appendedOut)]);
    expect([...b.keys()]).toEqual([...a.keys()]);
    expect([...a.keys()].filter((f) => a.get(f) !== b.get(f))).toEqual([]);
    const before = await digests(coldOut);
    expect([...a.keys()].filter((f) => a.get(f) !== before.get(f)).length).toBeGreaterThan(0);
    // Of the runs' JSON and cards, only the changed runs' are rendered again; of the run pages,
    // theirs and those of the runs listing lr-3 (group g1). The other group's pages are copied.
    const rendered = (pattern: RegExp) => pageLines(appended.output).filter((l) => pattern.test(l.page) && !l.restored).map((l) => l.page).sort();
    expect(rendered(/^\/(data\/runs|og\/runs)\//)).toEqual(["/data/runs/sweep/lr-1.json", "/data/runs/sweep/lr-3.json", "/og/runs/sweep/lr-1.png", "/og/runs/sweep/lr-3.png"]);
    expect(rendered(/^\/runs\/(?!index\.html$)/)).toEqual(["/runs/sweep/lr-1/index.html", "/runs/sweep/lr-3/index.html", "/runs/sweep/lr-5/index.html"]);
  });

  it("warns about each damaged entry (CACHE001, CACHE002, CACHE003) and reuses the others untouched", async () => {
    // A damaged entry read twice at once may be warned about twice; each kind must show.
    const warned = [...new Set([...warm.output.matchAll(/(CACHE00\d)/g)].map((m) => m[1]))].sort();
    expect(warned).toEqual(["CACHE001", "CACHE002", "CACHE003"]);
    expect(cold.output).not.toMatch(/CACHE00\d/);
    // A hit reads an entry; a miss writes a new file in its place (a new inode).
    for (const [file, ino] of inodes) {
      // Rewritten whenever a file's stamp changes (the cold build may have read files too fresh to stamp).
      if (file.includes(`${path.sep}file-stamps${path.sep}`)) continue;
      // Names Astro's manifest of the build, which lists pages in the order they finished.
      if (file.includes(`${path.sep}page-ledger${path.sep}`)) continue;
      // Rewritten when the entries the build verified changed (the damaged ones were written again).
      if (file.includes(`${path.sep}verified-entries${path.sep}`)) continue;
      const now = inodesAfterWarm.get(file);
      if (damaged.includes(file)) expect(now, file).not.toBe(ino);
      else expect(now, file).toBe(ino);
    }
  });
});
