import { describe, expect, it } from "vitest";
import { mediaPath, publishedMediaFiles, needsThumbnail, thumbnailPath } from "../media/mediaUrls.ts";
import { tableMediaImages } from "../runs/tableMediaImages.ts";
import { siteHref } from "../paths/siteHref.ts";
import { renderRowsBody } from "./renderRows.ts";
import { RowsModel } from "./rowsModel.ts";
import { encodeCell, type RowsPayload } from "./rowsPayload.ts";

/** The first bytes of a PNG of this size: all its header check reads. */
function pngHead(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
}

const folder = "runs/r1/";
const d = (c: string): string => c.repeat(64);
const read = [
  { path: "runs/r1/media/preds/wide.png", bytes: pngHead(640, 480), digest: d("a") },
  { path: "runs/r1/media/preds/small.png", bytes: pngHead(32, 32), digest: d("b") },
  { path: "runs/r1/media/preds/listed.png", bytes: pngHead(400, 400), digest: d("c") },
  { path: "runs/r1/media/preds/drawing.svg", bytes: new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"/>'), digest: d("e") },
  { path: "runs/r1/media/preds/broken.png", bytes: new Uint8Array([1, 2, 3]), digest: d("f") },
  { path: "runs/r1/metrics.jsonl", bytes: new Uint8Array(), digest: d("9") },
];
const candidates = new Set(["media/preds/wide.png", "media/preds/small.png", "media/preds/listed.png", "media/preds/drawing.svg", "media/preds/broken.png"]);

describe("images only tables show", () => {
  const images = tableMediaImages(folder, candidates, new Set(["runs/r1/media/preds/listed.png"]), read);

  it("are those wider than a thumbnail, not listed in media.jsonl, not SVG, with their size and digest", () => {
    expect(images).toEqual([{ file: "runs/r1/media/preds/wide.png", kind: "image", ext: "png", width: 640, height: 480, digest: d("a") }]);
  });

  it("get both thumbnails among the site's media files, once, and not their original", () => {
    const files = publishedMediaFiles([{ tableMedia: images }, { tableMedia: images }]);
    expect(files).toEqual([
      { name: `${d("a").slice(0, 20)}-w160.webp`, source: "runs/r1/media/preds/wide.png", digest: d("a"), thumbnail: 160 },
      { name: `${d("a").slice(0, 20)}-w320.webp`, source: "runs/r1/media/preds/wide.png", digest: d("a"), thumbnail: 320 },
    ]);
  });
});

describe("an image cell", () => {
  const wide = { file: "runs/r1/media/preds/wide.png", kind: "image" as const, ext: "png", width: 640, height: 480, digest: d("a") };
  const small = { ...wide, file: "runs/r1/media/preds/small.png", width: 32, height: 32, digest: d("b") };
  // As the site links them (site/runTables.ts tableMediaHref): the file, and the thumbnail when it
  // has one, as site paths the page resolves against its base.
  const link = (path: string) => {
    const image = path.endsWith("wide.png") ? wide : small;
    const m = `data/table-media/runs/r1/${path}`;
    return needsThumbnail(image) ? { m, t: thumbnailPath(image), w: image.width } : { m };
  };
  const payload: RowsPayload = {
    runs: [{ id: "r1", name: "r1", href: "/base/runs/r1/" }],
    columns: [{ key: "image", run: null, compared: false }],
    rows: [[encodeCell({ media: "media/preds/wide.png" }, link)], [encodeCell({ media: "media/preds/small.png" }, link)], [encodeCell({ media: "media/a.wav" }, (p) => p)]],
    join: null,
    present: null,
    pageSize: 25,
    onlyDisagreements: false,
  };
  const html = renderRowsBody(new RowsModel(payload), [0, 1, 2], 0, 3, (p) => siteHref("/base/", p));
  const rows = html.split("</tr>");

  it("of a wide image shows its 160 px thumbnail (320 px for high-DPI) and links the original", () => {
    const stem = `/base/media/${d("a").slice(0, 20)}`;
    expect(rows[0]).toContain(`<a href="/base/data/table-media/runs/r1/media/preds/wide.png"><img class="rf-rows-thumb" src="${stem}-w160.webp" srcset="${stem}-w160.webp 160w, ${stem}-w320.webp 320w" sizes="4rem" alt="media/preds/wide.png"`);
  });

  it("of a small image, or audio, shows the file itself", () => {
    expect(rows[1]).toContain(`<a href="/base/data/table-media/runs/r1/media/preds/small.png"><img class="rf-rows-thumb" src="/base/data/table-media/runs/r1/media/preds/small.png" alt=`);
    expect(rows[1]).not.toContain("srcset");
    expect(rows[2]).toContain(`<audio controls preload="none" src="/base/media/a.wav"`);
  });

  it("resolves every URL of a cell against a relative site root as well (a relative-links site)", () => {
    const relative = renderRowsBody(new RowsModel(payload), [0], 0, 1, (p) => siteHref("../../", p));
    const stem = `../../media/${d("a").slice(0, 20)}`;
    expect(relative).toContain(`<a href="../../data/table-media/runs/r1/media/preds/wide.png"><img class="rf-rows-thumb" src="${stem}-w160.webp" srcset="${stem}-w160.webp 160w, ${stem}-w320.webp 320w"`);
  });

  it("keeps the thumbnail in the payload compact: the high-DPI one is derived", () => {
    expect(payload.rows[0]![0]).toEqual({ m: "data/table-media/runs/r1/media/preds/wide.png", p: "media/preds/wide.png", t: `media/${d("a").slice(0, 20)}-w160.webp`, w: 640 });
    expect(mediaPath(wide)).toBe(`media/${d("a").slice(0, 20)}.png`);
  });
});
