import { mkdir, mkdtemp, rename, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataFilesDigest } from "./dataFilesDigest.ts";
import { clearFileStamps } from "./fileDigests.ts";

let root: string;
const digest = () => dataFilesDigest(root, ["runs", "reports"]);
const put = async (file: string, text: string) => {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), text);
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "runfolio-data-digest-"));
  clearFileStamps();
  await put("runs/a/run.json", '{"name":"a"}');
  await put("runs/a/history.csv", "step,loss\n0,1\n");
  await put("reports/r.md", "# R\n");
});
afterEach(async () => {
  clearFileStamps();
  await rm(root, { recursive: true, force: true });
});

describe("dataFilesDigest", () => {
  it("is the same for the same files, touched or not", async () => {
    const first = await digest();
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, "runs/a/history.csv"), later, later);
    clearFileStamps();
    expect(await digest()).toBe(first);
  });

  it("changes with a file's content, a new file, a renamed file and a removed one", async () => {
    const seen = new Set([await digest()]);
    await put("runs/a/history.csv", "step,loss\n0,1\n1,0.5\n");
    seen.add(await digest());
    await put("runs/a/media/img.png", "png");
    seen.add(await digest());
    await rename(path.join(root, "runs/a/media/img.png"), path.join(root, "runs/a/media/img2.png"));
    seen.add(await digest());
    await rm(path.join(root, "reports/r.md"));
    seen.add(await digest());
    expect(seen.size).toBe(5);
  });

  it("tells which folder a file is in, and counts an entry the walk does not read", async () => {
    const first = await digest();
    // The same relative name moved from reports/ to runs/ is another input.
    await rm(path.join(root, "reports/r.md"));
    await put("runs/r.md", "# R\n");
    const moved = await digest();
    expect(moved).not.toBe(first);
    // A hidden folder is not read, but pages report it: it is part of the digest.
    await put("runs/.hidden/run.json", "{}");
    expect(await digest()).not.toBe(moved);
  });
});
