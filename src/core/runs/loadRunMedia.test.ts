import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentDigest, loadAllRuns } from "./loadRuns.ts";
import { pngHeader } from "../media/testImages.ts";

const temp = mkdtempSync(path.join(tmpdir(), "runfolio-media-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function write(file: string, content: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(temp, file)), { recursive: true });
  writeFileSync(path.join(temp, file), content);
}

describe("loadAllRuns(rootDir) with media", () => {
  it("reads media.jsonl with the files under media/, keeps them out of the run's source files, and notes each file's digest", async () => {
    const png = pngHeader(32, 16);
    write("runs/vis/a/run.json", '{"name": "a"}\n');
    write("runs/vis/a/media.jsonl", '{"step": 0, "key": "samples/val", "file": "media/samples/val/0.png"}\n{"step": 0, "key": "samples/val", "file": "media/samples/val/also.png"}\n');
    write("runs/vis/a/media/samples/val/0.png", png);
    write("runs/vis/a/media/unlisted.png", png);
    // A link inside the run folder is followed.
    symlinkSync("0.png", path.join(temp, "runs/vis/a/media/samples/val/also.png"));
    // Images outside a run folder's media/ are not run files and draw no warning.
    write("runs/vis/figure.png", png);
    const { runs, diagnostics } = await loadAllRuns(temp);
    expect(diagnostics).toEqual([]);
    expect(runs.map((r) => r.id)).toEqual(["vis/a"]);
    const run = runs[0]!;
    expect(run.source.files).toEqual(["runs/vis/a/run.json", "runs/vis/a/media.jsonl"]);
    expect(run.media).toEqual([
      { key: "samples/val", step: 0, file: "runs/vis/a/media/samples/val/0.png", kind: "image", ext: "png", width: 32, height: 16, digest: contentDigest(png) },
      { key: "samples/val", step: 0, file: "runs/vis/a/media/samples/val/also.png", kind: "image", ext: "png", width: 32, height: 16, digest: contentDigest(png) },
    ]);
  });

  it("makes a folder run of media.jsonl alone", async () => {
    write("runs/solo/m/media.jsonl", '{"step": 3, "key": "k", "file": "media/k/3.png"}\n');
    write("runs/solo/m/media/k/3.png", pngHeader(4, 4));
    const { runs } = await loadAllRuns(temp);
    const run = runs.find((r) => r.id === "solo/m");
    expect(run?.media?.map((m) => [m.key, m.step])).toEqual([["k", 3]]);
  });

  it("notes the digest and size of the wide images a run with tables has under media/ that media.jsonl does not list (their thumbnails)", async () => {
    const wide = pngHeader(640, 320);
    write("runs/tab/t/run.json", '{"name": "t"}\n');
    write("runs/tab/t/tables/preds.jsonl", '{"id": 1, "image": {"media": "media/preds/wide.png"}}\n');
    write("runs/tab/t/media.jsonl", '{"step": 0, "key": "k", "file": "media/k/listed.png"}\n');
    write("runs/tab/t/media/k/listed.png", pngHeader(400, 400));
    write("runs/tab/t/media/preds/wide.png", wide);
    write("runs/tab/t/media/preds/small.png", pngHeader(32, 32));
    write("runs/tab/plain/run.json", '{"name": "plain"}\n');
    write("runs/tab/plain/media/preds/wide.png", wide);
    const { runs } = await loadAllRuns(temp);
    expect(runs.find((r) => r.id === "tab/t")?.tableMedia).toEqual([
      { file: "runs/tab/t/media/preds/wide.png", kind: "image", ext: "png", width: 640, height: 320, digest: contentDigest(wide) },
    ]);
    expect(runs.find((r) => r.id === "tab/plain")?.tableMedia).toBeUndefined();
  });
});
