import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics.ts";
import { parseMediaIndex, resolveMediaPath, type MediaFile } from "./parseMediaIndex.ts";
import { pngHeader, svgText } from "../media/testImages.ts";

const INDEX = "runs/vision/a/media.jsonl";
const files = (entries: Record<string, MediaFile>): Map<string, MediaFile> => new Map(Object.entries(entries).map(([k, v]) => [`runs/vision/a/${k}`, v]));
const parse = (lines: string[], media: Map<string, MediaFile>) => {
  const r = parseMediaIndex({ path: INDEX, text: lines.join("\n") + "\n" }, media);
  return { items: r.items, diagnostics: r.diagnostics.map((d) => formatDiagnostic(d).split("\n")[0]) };
};

describe("parseMediaIndex(index, files)", () => {
  it("reads items in line order with the real image size, captions and boxes", () => {
    const r = parse(
      [
        '{"step": 0, "key": "samples", "file": "media/samples/0_0.png", "caption": "cat → dog"}',
        "",
        '{"step": 1, "key": "samples", "file": "./media/samples/1_0.png", "width": 64, "height": 32, "boxes": [{"x": 4, "y": 8, "w": 20, "h": 16, "label": "cat", "score": 0.91}]}',
        '{"step": 1, "key": "audio/clip", "file": "media/audio/clip/1.wav"}',
      ],
      files({ "media/samples/0_0.png": { bytes: pngHeader(64, 32) }, "media/samples/1_0.png": { bytes: pngHeader(64, 32) }, "media/audio/clip/1.wav": { bytes: new Uint8Array([82, 73, 70, 70]) } }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.items).toEqual([
      { key: "samples", step: 0, file: "runs/vision/a/media/samples/0_0.png", kind: "image", ext: "png", caption: "cat → dog", width: 64, height: 32 },
      { key: "samples", step: 1, file: "runs/vision/a/media/samples/1_0.png", kind: "image", ext: "png", width: 64, height: 32, boxes: [{ x: 4, y: 8, w: 20, h: 16, label: "cat", score: 0.91 }] },
      { key: "audio/clip", step: 1, file: "runs/vision/a/media/audio/clip/1.wav", kind: "audio", ext: "wav" },
    ]);
  });

  it("reports broken lines at their line and column and keeps the good ones", () => {
    const ok = { bytes: pngHeader(10, 10) };
    const r = parse(
      [
        '{"step": 0, "key": "s", "file": "media/s/0.png"}',
        '{"step": 1, "key": "s", "file": "media/s/0.png",}',
        '[1, 2]',
        '{"key": "s", "file": "media/s/0.png"}',
        '{"step": -1, "key": "", "file": "media/s/0.png", "width": 2.5}',
        '{"step": 2, "key": "s", "file": "media/s/0.png", "boxes": [{"x": 1, "y": 1, "w": -3, "h": 2}], "captoin": "x"}',
        '{"step": 3, "key": "s", "file": "media/s/0.png", "width": 20, "height": 10, "boxes": [{"x": 5, "y": 5, "w": 10, "h": 2}]}',
      ],
      files({ "media/s/0.png": ok }),
    );
    expect(r.diagnostics).toEqual([
      `${INDEX}:2:48: error RUN001: invalid JSON: trailing comma before '}'; expected a property name in double quotes`,
      `${INDEX}:3:1: error RUN020: expected line 3 to be a JSON object, found a list`,
      `${INDEX}:4:1: error RUN080: line 4 has no \`step\``,
      `${INDEX}:5:10: error RUN004: expected a whole number from 0 on for \`step\`, found the number -1`,
      `${INDEX}:5:21: error RUN004: expected a non-empty text for \`key\`, found the string ""`,
      `${INDEX}:5:59: error RUN004: expected a whole number of pixels from 1 on for \`width\`, found the number 2.5`,
      `${INDEX}:6:96: warning RUN003: unknown key "captoin" (it is ignored)`,
      `${INDEX}:6:82: error RUN004: expected a width in pixels from 0 on for \`boxes[0].w\`, found the number -3`,
      `${INDEX}:7:59: warning RUN086: \`width\` and \`height\` say 20×10 but the image is 10×10 pixels; the image's own size is used`,
      `${INDEX}:7:87: warning RUN087: box \`boxes[0]\` (x 5, y 5, w 10, h 2) lies outside the 10×10 image; it is drawn clipped`,
    ]);
    expect(r.items.map((i) => i.step)).toEqual([0, 3]);
  });

  it("refuses paths that leave media/, unknown extensions, missing files, links out and unreadable images", () => {
    const r = parse(
      [
        '{"step": 0, "key": "s", "file": "media/../run.json"}',
        '{"step": 0, "key": "s", "file": "/etc/passwd.png"}',
        '{"step": 0, "key": "s", "file": "media\\\\s\\\\0.png"}',
        '{"step": 0, "key": "s", "file": "other/0.png"}',
        '{"step": 0, "key": "s", "file": "media/s/0.bmp"}',
        '{"step": 0, "key": "s", "file": "media/s/gone.png"}',
        '{"step": 0, "key": "s", "file": "media/s/link.png"}',
        '{"step": 0, "key": "s", "file": "media/s/fake.png"}',
        '{"step": 0, "key": "s", "file": "media/s/nosize.svg"}',
        '{"step": 0, "key": "s", "file": "media/s/v.mp4", "boxes": [{"x": 0, "y": 0, "w": 1, "h": 1}]}',
      ],
      files({
        "media/s/link.png": { linkOutside: "../../../b/media/s/0.png" },
        "media/s/fake.png": { bytes: new TextEncoder().encode("not an image") },
        "media/s/nosize.svg": { bytes: svgText("") },
        "media/s/v.mp4": { bytes: new Uint8Array(8) },
      }),
    );
    expect(r.diagnostics).toEqual([
      `${INDEX}:1:33: error RUN081: expected \`file\` to be a path under media/ in this run folder, found "media/../run.json": it leaves the folder with \`..\``,
      `${INDEX}:2:33: error RUN081: expected \`file\` to be a path under media/ in this run folder, found "/etc/passwd.png": it is an absolute path`,
      `${INDEX}:3:33: error RUN081: expected \`file\` to be a path under media/ in this run folder, found "media\\\\s\\\\0.png": it contains a backslash (write "/" between folders)`,
      `${INDEX}:4:33: error RUN081: expected \`file\` to be a path under media/ in this run folder, found "other/0.png": it is not under media/`,
      `${INDEX}:5:33: error RUN082: expected \`file\` to end in the extension of an image, audio or video file, found ".bmp"`,
      `${INDEX}:6:33: error RUN083: the file runs/vision/a/media/s/gone.png does not exist (this item is left out)`,
      `${INDEX}:7:33: error RUN084: runs/vision/a/media/s/link.png is a symbolic link that leads outside its run folder (to ../../../b/media/s/0.png); it is not read`,
      `${INDEX}:8:33: error RUN085: runs/vision/a/media/s/fake.png cannot be shown: its first bytes are not those of a PNG image (this item is left out)`,
      `${INDEX}:9:33: warning RUN088: the size of runs/vision/a/media/s/nosize.svg is not known: its <svg> element has neither a width and height in pixels nor a viewBox; it is shown at the given \`width\` and \`height\`, else at 300×150`,
      `${INDEX}:10:59: warning RUN089: \`boxes\` are drawn over images only; this item is a video (they are ignored)`,
    ]);
    expect(r.items.map((i) => [i.file.slice(i.file.lastIndexOf("/") + 1), i.width, i.height])).toEqual([
      ["nosize.svg", 300, 150],
      ["v.mp4", undefined, undefined],
    ]);
  });

  it("takes files on trust when they were not read (a git snapshot)", () => {
    const r = parseMediaIndex({ path: INDEX, text: '{"step": 0, "key": "s", "file": "media/s/0.png", "width": 8, "height": 8}\n' }, new Map(), false);
    expect(r.diagnostics).toEqual([]);
    expect(r.items).toEqual([{ key: "s", step: 0, file: "runs/vision/a/media/s/0.png", kind: "image", ext: "png", width: 8, height: 8 }]);
  });
});

describe("resolveMediaPath(folder, file)", () => {
  it("keeps paths under media/ and drops ./ segments", () => {
    expect(resolveMediaPath("runs/p/r", "media/a/b.png")).toEqual({ path: "runs/p/r/media/a/b.png" });
    expect(resolveMediaPath("runs/p/r", "./media/./a.png")).toEqual({ path: "runs/p/r/media/a.png" });
    expect(resolveMediaPath("runs/p/r", "media//a.png")).toEqual({ problem: "it has an empty folder name" });
    expect(resolveMediaPath("runs/p/r", "C:/media/a.png")).toEqual({ problem: "it is an absolute path" });
    expect(resolveMediaPath("runs/p/r", "media")).toEqual({ problem: "it is not under media/" });
  });
});
