import { mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseHtml } from "node-html-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeMediaSite } from "../../../tests/helpers/mediaSite.ts";
import type { MediaPayload } from "../../core/media/mediaMarkup.ts";
import { fileSize } from "../../core/export/exportMessages.ts";
import { MEDIA_URL_DIR, publishedMediaFiles } from "../../core/media/mediaUrls.ts";
import type { Run } from "../../core/run.ts";
import { loadAllRuns } from "../../core/runs/loadRuns.ts";
import { exportCommand } from "./export.ts";
import { inlineExportMedia } from "./exportMedia.ts";

const root = mkdtempSync(path.join(tmpdir(), "runfolio-export-media-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let runs: Run[];

beforeAll(async () => {
  await writeMediaSite(root, {
    runs: 2,
    steps: 2,
    perStep: 2,
    width: 400,
    height: 300,
    pattern: "gradient",
    reportBlock: 'runs: project = "vision"\nkey: samples',
    reportExtra: '```media\nruns: project = "vision"\nkey: extras\n```\n',
  });
  runs = (await loadAllRuns(root)).runs;
}, 60_000);

const NAME = /media\/[0-9a-f]{20}/;

describe("runfolio export with media", () => {
  it("carries every file the report's media blocks show as a data: URI, in the grids and in their per-step payloads", async () => {
    const out = path.join(root, "out/media.html");
    let stderr = "";
    const code = await exportCommand(["reports/media.md", "-o", out, "--root", root], { cwd: root, env: {}, stdout: () => {}, stderr: (s) => (stderr += s) });
    expect([code, stderr]).toEqual([0, ""]);
    const html = await readFile(out, "utf8");
    expect(html).not.toMatch(NAME);
    const doc = parseHtml(html);
    const figures = doc.querySelectorAll("figure.rf-media");
    expect(figures.map((f) => f.getAttribute("data-base"))).toEqual(["", ""]);
    const imgs = doc.querySelectorAll("figure.rf-media img");
    // Two runs × two samples, then the SVG; grids show the 160-pixel thumbnail, without a srcset.
    expect(imgs.map((i) => i.getAttribute("src")!.slice(0, 22))).toEqual([...Array(4).fill("data:image/webp;base64"), "data:image/svg+xml;bas"]);
    expect(imgs.every((i) => i.getAttribute("srcset") === undefined)).toBe(true);
    expect(doc.querySelector("figure.rf-media a.rf-media-open")!.getAttribute("href")!.startsWith("data:image/png;base64,")).toBe(true);
    expect(doc.querySelector("figure.rf-media audio")!.getAttribute("src")!.startsWith("data:audio/wav;base64,")).toBe(true);
    for (const f of figures) {
      const payload = JSON.parse(f.querySelector("script.rf-media-data")!.text) as MediaPayload;
      const cells = payload.runs.flatMap((r) => Object.values(r.steps).flatMap((s) => s.items));
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.every((c) => c.src.startsWith("data:") && c.thumb.startsWith("data:"))).toBe(true);
    }
    // The step slider's script and the grid's styles travel with the file.
    expect(html).toContain(".rf-media-grid");
    expect(html).toMatch(/<script type="module">[^]*rf-media-data/);
  }, 120_000);

  it("names each file over the budget in a warning and a note, and links it to the site or shows a placeholder", async () => {
    const originals = publishedMediaFiles(runs).filter((f) => f.thumbnail === null && f.source.endsWith(".png") && f.source.includes("samples"));
    const sizes = await Promise.all(originals.map(async (f) => (await stat(path.join(root, f.source))).size));
    const small = Math.min(...sizes);
    expect(small).toBeGreaterThan(20_000);
    const a = `${MEDIA_URL_DIR}/${originals[0]!.name}`;
    const body = `<img src="${a}" alt=""><script type="application/json" class="rf-media-data">{"src":"${a}"}</script>`;

    const over = await inlineExportMedia(body, runs, { root, site: null, fileBudget: 10_000 });
    expect(over.diagnostics.map((d) => [d.file, d.severity, d.code])).toEqual([[originals[0]!.source, "warning", "RUN113"]]);
    expect(over.diagnostics[0]!.message).toBe(`${originals[0]!.source} (${fileSize(sizes[0]!)}) is not in the exported file: an exported report holds media files up to 10 KB each; it shows as a placeholder`);
    const doc = parseHtml(over.html);
    expect(doc.querySelector("aside.rf-export-left-out li")!.text).toBe(`${originals[0]!.source} (${fileSize(sizes[0]!)})`);
    expect(fileSize(sizes[0]!)).toMatch(/^\d+ KB$/);
    const placeholder = doc.querySelector("img")!.getAttribute("src")!;
    expect(Buffer.from(placeholder.replace("data:image/svg+xml;base64,", ""), "base64").toString("utf8")).toContain(`${path.basename(originals[0]!.source)}: not in this file`);
    expect(over.html).toContain(`{"src":"${placeholder}"}`);
    expect(over.embedded).toBe(0);

    const linked = await inlineExportMedia(body, runs, { root, site: "https://team.example/runs/", fileBudget: 10_000 });
    expect(parseHtml(linked.html).querySelector("img")!.getAttribute("src")).toBe(`https://team.example/runs/${a}`);
    expect(parseHtml(linked.html).querySelector("aside a")!.getAttribute("href")).toBe(`https://team.example/runs/${a}`);
  }, 60_000);

  it("stops embedding when the files so far fill the total budget, and says which were left out", async () => {
    const originals = publishedMediaFiles(runs).filter((f) => f.thumbnail === null && f.source.includes("samples"));
    const names = originals.map((f) => `${MEDIA_URL_DIR}/${f.name}`);
    const first = (await stat(path.join(root, originals[0]!.source))).size;
    const body = names.map((n) => `<a href="${n}">x</a>`).join("");
    const out = await inlineExportMedia(body, runs, { root, site: null, totalBudget: first });
    expect(out.embedded).toBe(1);
    expect(out.bytes).toBe(first);
    expect(out.diagnostics.map((d) => [d.file, d.code])).toEqual(originals.slice(1).map((f) => [f.source, "RUN114"]));
    expect(parseHtml(out.html).querySelectorAll("aside.rf-export-left-out li")).toHaveLength(originals.length - 1);
  }, 60_000);
});
