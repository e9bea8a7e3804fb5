import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DiskCache } from "./diskCache.ts";

/** What the reader asked of the disk: each positioned read's [position, bytes read], and how many handles are open. */
const disk = vi.hoisted(() => ({ reads: [] as [number, number][], open: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const openSync = (...args: Parameters<typeof fs.openSync>): number => {
    const fd = fs.openSync(...args);
    disk.open++;
    return fd;
  };
  const readSync = (fd: number, buffer: Buffer, offset: number, length: number, position: number): number => {
    const bytesRead = fs.readSync(fd, buffer, offset, length, position);
    disk.reads.push([position, bytesRead]);
    return bytesRead;
  };
  const closeSync = (fd: number): void => {
    disk.open--;
    fs.closeSync(fd);
  };
  return { ...fs, openSync, readSync, closeSync, default: { ...fs, openSync, readSync, closeSync } };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "runfolio-sectioned-read-test-"));
  disk.reads = [];
  disk.open = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("reading some sections of a large sectioned entry", () => {
  // Seven columns of 10,000 Float64 values: 80,000 bytes each, as a history at 10,000 steps.
  const columns = Array.from({ length: 7 }, (_, i) => Float64Array.from({ length: 10_000 }, (_, j) => i + j / 8));
  const sections = columns.map((c) => new Uint8Array(c.buffer));

  it("reads the prefix and sections 2 and 5 only, each once, and closes the file", async () => {
    const warnings: unknown[] = [];
    const cache = new DiskCache({ dir, codeVersion: "v", warn: (d) => warnings.push(d) });
    const key = cache.keyOf("history", ["d"]);
    await cache.setSections("history", key, '{"rows":10000}', sections);
    const [file] = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    const size = (await stat(file!)).size;

    for (const reader of [cache, new DiskCache({ dir, codeVersion: "v", warn: (d) => warnings.push(d) })]) {
      disk.reads = [];
      const read = await reader.getSections("history", key, () => [5, 2]);
      const values = (b: Buffer) => Array.from(new Float64Array(b.buffer, b.byteOffset, b.length / 8));
      expect(values(read!.sections.get(2)!)).toEqual(Array.from(columns[2]!));
      expect(values(read!.sections.get(5)!)).toEqual(Array.from(columns[5]!));
      const total = disk.reads.reduce((sum, [, n]) => sum + n, 0);
      const prefix = size - 7 * 80_000;
      expect(disk.reads).toEqual([
        [0, 4096],
        [prefix + 2 * 80_000, 80_000],
        [prefix + 5 * 80_000, 80_000],
      ]);
      expect(total).toBeLessThan(size / 3);
      expect(disk.open).toBe(0);
    }

    // Adjacent sections are read with one call.
    disk.reads = [];
    const adjacent = await cache.getSections("history", key, () => [3, 2, 5]);
    expect([...adjacent!.sections.keys()]).toEqual([2, 3, 5]);
    expect(Array.from(new Float64Array(adjacent!.sections.get(3)!.buffer, adjacent!.sections.get(3)!.byteOffset, 10_000))).toEqual(Array.from(columns[3]!));
    const prefix = size - 7 * 80_000;
    expect(disk.reads).toEqual([
      [0, 4096],
      [prefix + 2 * 80_000, 160_000],
      [prefix + 5 * 80_000, 80_000],
    ]);

    disk.reads = [];
    expect((await cache.getSections("history", key, () => []))?.meta).toBe('{"rows":10000}');
    expect(disk.reads).toEqual([[0, 4096]]);
    expect(warnings).toEqual([]);
  });

  it("closes the file when the entry is damaged or pick throws", async () => {
    const warnings: string[] = [];
    const cache = new DiskCache({ dir, codeVersion: "v", warn: (d) => warnings.push(d.code) });
    const key = cache.keyOf("history", ["d"]);
    await cache.setSections("history", key, "m", sections);
    await expect(cache.getSections("history", key, () => [9])).rejects.toThrow(RangeError);
    await expect(
      cache.getSections("history", key, () => {
        throw new Error("caller's bug");
      }),
    ).rejects.toThrow("caller's bug");
    expect(await cache.getSections("history", cache.keyOf("history", ["other"]), () => [])).toBeNull();
    const [file] = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    const bytes = await readFile(file!);
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(file!, bytes);
    expect(await cache.getSections("history", key, () => [6])).toBeNull();
    await writeFile(file!, bytes.subarray(0, 10));
    expect(await cache.getSections("history", key, () => [6])).toBeNull();
    expect(disk.open).toBe(0);
    expect(warnings).toEqual(["CACHE001", "CACHE002"]);
  });
});
