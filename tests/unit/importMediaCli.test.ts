/**
 * `runfolio import` writing a run's media, tables and histograms (issue 16): files keep their
 * bytes, a re-import leaves them untouched, a symlink is never followed out of the export, and a
 * hostile media path is refused with a positioned error and no run written.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./importFixtureFiles.ts";

const tmp = mkdtempSync(path.join(tmpdir(), "runfolio-media-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runfolio(args: string[]) {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "bin/runfolio.mjs"), ...args], { cwd: tmp, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const H = "0123456789abcdef0123";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 13, 10, 26]);

function wandbRun(dir: string, imagePath: string): void {
  const files = path.join(dir, "wandb/run-20240101_000000-abc123/files");
  mkdirSync(path.join(files, "media/images"), { recursive: true });
  writeFileSync(path.join(files, `media/images/samples_1_${H}.png`), PNG);
  writeFileSync(path.join(files, "wandb-summary.json"), '{"loss": 0.5, "_step": 1}');
  writeFileSync(
    path.join(files, "wandb-history.jsonl"),
    `{"_step": 0, "loss": 1, "h": {"_type": "histogram", "bins": [0, 1, 2], "values": [1, 2]}}\n{"_step": 1, "loss": 0.5, "samples": {"_type": "image-file", "path": ${JSON.stringify(imagePath)}}}\n`,
  );
}

describe("runfolio import (spawned): media files", { timeout: 180_000 }, () => {
  it("copies media byte for byte with its index and histograms, and re-imports to the same bytes", () => {
    const src = path.join(tmp, "ok");
    wandbRun(src, `media/images/samples_1_${H}.png`);
    const first = runfolio(["import", src, "--project", "w", "--out", "runs"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("w/run-20240101_000000-abc123: 1 metric(s), 2 step(s), 1 config key(s), 1 summary key(s), 1 media file(s), 1 histogram key(s) → runs/w/run-20240101_000000-abc123/ (written)");
    const run = path.join(tmp, "runs/w/run-20240101_000000-abc123");
    expect(readFileSync(path.join(run, "media/samples/1_0.png"))).toEqual(PNG);
    expect(readFileSync(path.join(run, "media.jsonl"), "utf8")).toBe('{"step":1,"key":"samples","file":"media/samples/1_0.png"}\n');
    expect(readFileSync(path.join(run, "histograms/h.jsonl"), "utf8")).toBe('{"step":0,"edges":[0,1,2],"counts":[1,2]}\n');
    const mtime = statSync(path.join(run, "media/samples/1_0.png")).mtimeMs;
    const second = runfolio(["import", src, "--project", "w", "--out", "runs"]);
    expect(second.stdout).toContain("(unchanged)");
    expect(statSync(path.join(run, "media/samples/1_0.png")).mtimeMs).toBe(mtime);
  });

  it("refuses a media path out of the run folder at its line and column and writes no run", () => {
    const src = path.join(tmp, "hostile");
    wandbRun(src, "../../../../x.png");
    writeFileSync(path.join(src, "x.png"), PNG);
    const r = runfolio(["import", src, "--project", "h", "--out", "runs"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("hostile/wandb/run-20240101_000000-abc123/files/wandb-history.jsonl:2:70: error IMP046:");
    expect(existsSync(path.join(tmp, "runs/h"))).toBe(false);
  });

  it("never follows a symlink out of the export: a linked image is not copied", () => {
    const outside = path.join(tmp, "secret.png");
    writeFileSync(outside, PNG);
    const src = path.join(tmp, "linked");
    wandbRun(src, "media/images/link.png");
    symlinkSync(outside, path.join(src, "wandb/run-20240101_000000-abc123/files/media/images/link.png"));
    const r = runfolio(["import", src, "--project", "l", "--out", "runs"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("image-file values whose file is not in the export: samples");
    const run = path.join(tmp, "runs/l/run-20240101_000000-abc123");
    expect(readFileSync(path.join(run, "media.jsonl"), "utf8")).toBe('{"step":1,"key":"samples","file":"media/samples/1_0.png"}\n');
  });
});
