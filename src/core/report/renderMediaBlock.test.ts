import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import type { RunMediaItem } from "../media/runMedia.ts";
import type { MediaPayload } from "../media/mediaMarkup.ts";
import { compileReport } from "./compileReport.ts";
import { parseBlock } from "./parseBlock.ts";
import { parseReport } from "./parseReport.ts";

const item = (run: string, key: string, step: number, i: number, extra: Partial<RunMediaItem> = {}): RunMediaItem => ({
  key,
  step,
  file: `runs/${run}/media/${key}/${step}_${i}.png`,
  kind: "image",
  ext: "png",
  width: 640,
  height: 480,
  digest: `${run.replace(/\W/g, "")}${key}${step}${i}`.padEnd(64, "0"),
  ...extra,
});

const runs = [
  makeRun("vision/a", { media: [item("vision/a", "samples", 0, 0), item("vision/a", "samples", 5, 0, { caption: "cat <b>" }), item("vision/a", "samples", 5, 1, { width: 64, height: 48 })] }),
  makeRun("vision/b", { media: [item("vision/b", "samples", 0, 0), item("vision/b", "samples/val", 3, 0)] }),
  makeRun("vision/c", {}),
];

async function compile(block: string) {
  const report = parseReport("reports/r.md", `---\ntitle: R\n---\n\n\`\`\`media\n${block}\n\`\`\`\n`);
  return compileReport(report, { runs, readHistory: () => Promise.reject(new Error("no history needed")), colors: new Map([["vision/a", "#123456"]]), hrefForRun: (id) => `/runs/${id}/`, render: true, mediaBase: "/base/" });
}

describe("parseBlock(\"media\", region)", () => {
  const region = (text: string) => ({ text, file: "reports/r.md", firstLine: 6, indent: 0 });
  it("takes key, runs, step, limit, columns, max_runs and title", () => {
    const r = parseBlock("media", region("key: samples\nruns: project = \"vision\"\nstep: 5\nlimit: 4\ncolumns: 2\nmax_runs: 3\ntitle: Samples"));
    expect(r.diagnostics).toEqual([]);
    expect(r.block?.input).toEqual({ key: "samples", runs: 'project = "vision"', step: 5, limit: 4, columns: 2, max_runs: 3, title: "Samples" });
  });
  it("reports a missing key, a negative step and an unknown option at their lines", () => {
    const r = parseBlock("media", region("step: -1\nlimt: 3"));
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(["6:1 BLOCK006", "6:7 BLOCK007", "7:1 BLOCK003"]);
  });
});

describe("a ```media block in compileReport", () => {
  it("draws one column per run with the key, at the last step, lazy thumbnails of known size linking to the full file", async () => {
    const out = await compile('runs: project = "vision"\nkey: samples');
    expect(out.diagnostics).toEqual([]);
    expect(out.scripts.has("media")).toBe(true);
    const doc = parseHtml(out.html);
    const fig = doc.querySelector("figure.rf-media")!;
    expect(fig.getAttribute("id")).toBe("media-1");
    expect(fig.getAttribute("data-base")).toBe("/base/");
    expect(doc.querySelectorAll(".rf-media-run").map((s) => [s.getAttribute("data-run"), s.querySelector(".rf-media-run-step")!.text])).toEqual([
      ["vision/a", "step 5"],
      ["vision/b", "step 0"],
    ]);
    const imgs = doc.querySelectorAll('.rf-media-run[data-run="vision/a"] img');
    expect(imgs.map((i) => [i.getAttribute("src"), i.getAttribute("width"), i.getAttribute("height"), i.getAttribute("loading"), i.getAttribute("alt")])).toEqual([
      ["/base/media/visionasamples500000-w160.webp", "160", "120", "lazy", "cat <b>"],
      ["/base/media/visionasamples510000.png", "64", "48", "lazy", "samples at step 5 of a"],
    ]);
    // The high-DPI thumbnail is a srcset candidate; a small image has none.
    expect(imgs.map((i) => [i.getAttribute("srcset"), i.getAttribute("sizes")])).toEqual([
      ["/base/media/visionasamples500000-w160.webp 160w, /base/media/visionasamples500000-w320.webp 320w", "10rem"],
      [undefined, undefined],
    ]);
    expect(doc.querySelector('.rf-media-run[data-run="vision/a"] a.rf-media-open')!.getAttribute("href")).toBe("/base/media/visionasamples500000.png");
    // Captions are text.
    expect(out.html).toContain("<figcaption>cat &lt;b&gt;</figcaption>");
    expect(doc.querySelector(".rf-media-note")!.text).toBe("1 selected run has no samples media.");
    const payload = JSON.parse(doc.querySelector("script.rf-media-data")!.text) as MediaPayload;
    expect(payload.steps).toEqual([0, 5]);
    expect(payload.step).toBe(5);
    expect(Object.keys(payload.runs[0]!.steps)).toEqual(["0", "5"]);
    expect(doc.querySelector(".rf-media-slider")!.getAttribute("value")).toBe("1");
    expect(out.blocks[0]).toMatchObject({ id: "media-1", lang: "media", kind: "media", runIds: ["vision/a", "vision/b"], script: "media" });
  });

  it("starts at the given step: each run at its last step at or before it", async () => {
    const out = await compile('runs: project = "vision"\nkey: samples\nstep: 0');
    const doc = parseHtml(out.html);
    expect(doc.querySelectorAll(".rf-media-run-step").map((s) => s.text)).toEqual(["step 0", "step 0"]);
  });

  it("names an unknown key with did-you-mean over the selected runs' keys, and a step no run logged with the nearest", async () => {
    const unknown = await compile("key: sample");
    expect(unknown.diagnostics.map((d) => formatDiagnostic(d).split("\n")[0])).toEqual(["reports/r.md:6:6: error BLOCK068: none of the selected runs has media with the key `sample`"]);
    expect(unknown.diagnostics[0]!.hint).toBe("did you mean `samples`?");
    const far = await compile("key: zzz");
    expect(far.diagnostics[0]!.hint).toBe("their media keys: samples, samples/val");
    const step = await compile("key: samples\nstep: 4");
    expect(step.diagnostics.map((d) => [formatDiagnostic(d).split("\n")[0], d.hint])).toEqual([["reports/r.md:7:7: error BLOCK069: no selected run logged `samples` at step 4", "the nearest logged steps: 0, 5"]]);
  });
});
