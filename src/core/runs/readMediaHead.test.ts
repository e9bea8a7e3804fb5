import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFileHead } from "../files/readFileHead.ts";
import { readImageSize } from "../media/imageSize.ts";
import { jpegHeader, pngHeader } from "../media/testImages.ts";
import { contentDigest, loadAllRuns } from "./loadRuns.ts";
import { MEDIA_HEAD_BYTES, readMediaHead } from "./readMediaHead.ts";

const temp = mkdtempSync(path.join(tmpdir(), "runfolio-media-head-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(file: string, content: Uint8Array | string): string {
  const absolute = path.join(temp, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, content);
  return absolute;
}

/** Bytes that differ from position to position, so a chunk hashed twice or skipped changes the digest. */
const noise = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 131 + seed * 7 + (i >> 8)) & 255);

/** A JPEG whose frame header comes after `segments` APP segments of about 60 KB each (as big Exif/ICC data puts it). */
function deepJpeg(segments: number, cutBeforeFrame = false): Uint8Array {
  const app = (n: number): number[] => {
    const body = Array.from(noise(60_000, n));
    return [0xff, 0xe2, (body.length + 2) >> 8, (body.length + 2) & 255, ...body];
  };
  const plain = Array.from(jpegHeader(1024, 768));
  // jpegHeader: SOI (2) + APP0 (18) + SOF + SOS; APP segments go after APP0.
  const apps = Array.from({ length: segments }, (_, i) => app(i)).flat();
  const rest = plain.slice(20);
  return Uint8Array.from([...plain.slice(0, 20), ...apps, ...(cutBeforeFrame ? [] : rest)]);
}

describe("readFileHead(file, headBytes, chunkBytes)", () => {
  it("hashes a file larger than the chunk size in chunks, to the digest of all its bytes, and keeps only the head", async () => {
    const bytes = noise(10_000 * 7 + 123);
    const file = write("big.bin", bytes);
    const read = await readFileHead(file, 500, 1000);
    expect(read.digest).toBe(contentDigest(bytes));
    expect(read.size).toBe(bytes.length);
    expect(read.head).toEqual(Buffer.from(bytes.subarray(0, 500)));
    // A head longer than a chunk spans several chunks; longer than the file, it is the file.
    expect((await readFileHead(file, 2500, 1000)).head).toEqual(Buffer.from(bytes.subarray(0, 2500)));
    expect((await readFileHead(file, 10 ** 6, 4096)).head).toEqual(Buffer.from(bytes));
    expect((await readFileHead(write("empty.bin", new Uint8Array()), 100, 10)).digest).toBe(contentDigest(new Uint8Array()));
  });
});

describe("readMediaHead(file)", () => {
  it("reads the first 64 KiB of an image whose header is there, with the digest of the whole file", async () => {
    const bytes = new Uint8Array([...pngHeader(640, 480), ...noise(300_000)]);
    const read = await readMediaHead(write("a.png", bytes), 4096);
    expect(read.head.length).toBe(MEDIA_HEAD_BYTES);
    expect(read.digest).toBe(contentDigest(bytes));
    expect(readImageSize(read.head, "png")).toEqual({ ok: true, width: 640, height: 480 });
  });

  it("reads further into a JPEG whose frame header lies beyond the first head, and judges a broken one on all its bytes", async () => {
    const deep = deepJpeg(3);
    const read = await readMediaHead(write("deep.jpg", deep), 8192);
    expect(read.head.length).toBeGreaterThan(MEDIA_HEAD_BYTES);
    expect(readImageSize(read.head, "jpg")).toEqual({ ok: true, width: 1024, height: 768 });
    const cut = deepJpeg(3, true);
    const broken = await readMediaHead(write("cut.jpg", cut), 8192);
    expect(broken.head).toEqual(Buffer.from(cut));
    expect(readImageSize(broken.head, "jpg")).toEqual(readImageSize(cut, "jpg"));
  });

  it("reads only the head of audio and video", async () => {
    const bytes = noise(200_000);
    const read = await readMediaHead(write("v.mp4", bytes));
    expect([read.head.length, read.size, read.digest]).toEqual([MEDIA_HEAD_BYTES, bytes.length, contentDigest(bytes)]);
  });
});

describe("loadAllRuns with media files larger than a chunk", () => {
  it("digests the whole file and keeps the positioned diagnostics of images judged on all their bytes", async () => {
    const big = new Uint8Array([...pngHeader(2000, 1000), ...noise(3 * 1024 * 1024)]);
    const cut = deepJpeg(2, true);
    write("runs/p/r/run.json", '{"name": "r"}\n');
    write("runs/p/r/media.jsonl", '{"step": 1, "key": "k", "file": "media/k/big.png"}\n{"step": 1, "key": "k", "file": "media/k/cut.jpg"}\n');
    write("runs/p/r/media/k/big.png", big);
    write("runs/p/r/media/k/cut.jpg", cut);
    const { runs, diagnostics } = await loadAllRuns(temp);
    expect(runs.find((r) => r.id === "p/r")!.media).toEqual([{ key: "k", step: 1, file: "runs/p/r/media/k/big.png", kind: "image", ext: "png", width: 2000, height: 1000, digest: contentDigest(big) }]);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message])).toEqual([
      ["runs/p/r/media.jsonl", 2, 33, "RUN085", "runs/p/r/media/k/cut.jpg cannot be shown: no frame header was found before its image data (this item is left out)"],
    ]);
  });
});
