/**
 * The run-folder files importers write (runFiles.ts): untrusted paths resolved or refused, every
 * name made a safe path inside the run folder, distinct keys kept apart, deterministic bytes.
 */
import { describe, expect, it } from "vitest";
import { histogramProblem, resolveInside, RunFilesBuilder } from "../../src/core/import/runFiles.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe("resolveInside", () => {
  it("joins relative paths and refuses every way out", () => {
    expect(resolveInside("run/files", "media/./images/a.png")).toEqual({ ok: true, path: "run/files/media/images/a.png" });
    for (const [ref, reason] of [
      ["../../x.png", "the path climbs out of its folder with `..`"],
      ["media/../../x.png", "the path climbs out of its folder with `..`"],
      ["/etc/x.png", "the path is absolute"],
      ["C:/x.png", "the path is absolute"],
      ["media\\x.png", "the path holds a backslash"],
      ["a\0.png", "the path holds a NUL character"],
      ["", "the path is empty"],
      ["./", "the path names no file"],
    ]) expect(resolveInside("run", ref!)).toEqual({ ok: false, reason });
  });
});

describe("RunFilesBuilder", () => {
  it("writes every hostile key, tag and table name inside the run folder", () => {
    const b = new RunFilesBuilder();
    for (const key of ["../../etc/passwd", "/abs/key", "..", "a\\b", ".hidden", "x".repeat(300), "C:\\evil", "ok/../../up"]) {
      b.addMedia(key, 0, "png", PNG);
      b.addHistogram(key, 0, [0, 1], [1]);
      b.addTableRows(key, [{ a: 1 }]);
      b.addPlot(key, { type: "roc", points: { x: [0, 1], y: [0, 1] } });
    }
    for (const path of Object.keys(b.files())) {
      expect(path.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".." && !seg.startsWith(".") && /^[A-Za-z0-9._-]+$/.test(seg) && seg.length <= 120)).toBe(true);
    }
    // The keys themselves are kept as labels in media.jsonl.
    expect(String(b.files()["media.jsonl"])).toContain('"key":"../../etc/passwd","file":"media/etc/passwd/0_0.png"');
  });

  it("keeps keys that differ only in case or unsafe characters apart", () => {
    const b = new RunFilesBuilder();
    expect(b.addMedia("val loss", 1, "png", PNG)).toBe("media/val_loss/1_0.png");
    expect(b.addMedia("val_loss", 1, "png", PNG)).toBe("media/val_loss-2/1_0.png");
    expect(b.addMedia("Val_loss", 1, "png", PNG)).toBe("media/Val_loss-3/1_0.png");
    expect(b.addMedia("val loss", 1, "png", PNG)).toBe("media/val_loss/1_1.png");
    expect(b.addTableRows("Preds", [])).toBe("tables/Preds.jsonl");
    expect(b.addTableRows("preds", [])).toBe("tables/preds-2.jsonl");
  });

  it("writes NaN and Infinity as the bare tokens run files accept, keys in insertion order", () => {
    const b = new RunFilesBuilder();
    b.addTableRows("t", [{ step: 1, a: NaN, b: Infinity, c: -Infinity, d: "x", e: null, f: { media: "media/k/1_0.png" } }]);
    expect(b.files()["tables/t.jsonl"]).toBe('{"step":1,"a":NaN,"b":Infinity,"c":-Infinity,"d":"x","e":null,"f":{"media":"media/k/1_0.png"}}\n');
  });

  it("refuses histograms the run format does not accept, and a second one at the same step", () => {
    expect(histogramProblem([0, 1, 1], [1, 2])).toBe("its bin edges do not increase");
    expect(histogramProblem([0, 1], [1, 2])).toBe("it has 2 edges for 2 bins (expected 3)");
    expect(histogramProblem([0, Infinity], [1])).toBe("a bin edge is not a finite number");
    expect(histogramProblem([0, 1], [-1])).toBe("a count is negative or not a finite number");
    const b = new RunFilesBuilder();
    expect(b.addHistogram("w", 3, [0, 1], [2])).toBe(true);
    expect(b.addHistogram("w", 3, [0, 1], [5])).toBe(false);
    expect(b.addHistogram("w", 1, [0, 2], [1])).toBe(true);
    expect(b.files()["histograms/w.jsonl"]).toBe('{"step":1,"edges":[0,2],"counts":[1]}\n{"step":3,"edges":[0,1],"counts":[2]}\n');
  });
});
