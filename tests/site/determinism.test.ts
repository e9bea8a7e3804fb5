import { createHash } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import fg from "fast-glob";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";
import { exampleOut } from "./buildExampleSite.ts";

/**
 * Same input, same bytes: the example site built by the global setup (its own, possibly warm,
 * cache) and built again here into another folder from an empty cache must be identical, so CI
 * can diff builds and content-hashed assets stay cacheable.
 */
const secondOut = path.join(repoRoot, "test-artifacts/example-site-again");
const secondCache = path.join(repoRoot, "test-artifacts/cache-determinism");

async function digests(dir: string): Promise<Map<string, string>> {
  const files = (await fg("**/*", { cwd: dir, onlyFiles: true, dot: true })).sort();
  const out = new Map<string, string>();
  for (const f of files) out.set(f, createHash("sha256").update(await readFile(path.join(dir, f))).digest("hex"));
  return out;
}

/** Where two versions of a file first differ, with a little text around it. */
async function firstDifference(rel: string): Promise<string> {
  const [a, b] = await Promise.all([readFile(path.join(exampleOut, rel)), readFile(path.join(secondOut, rel))]);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 60), i + 60).toString("utf8"));
  return `${rel}: ${a.length} vs ${b.length} bytes, first difference at byte ${i}\n    first:  ${around(a)}\n    second: ${around(b)}`;
}

describe("the build is deterministic", () => {
  beforeAll(async () => {
    await rm(secondOut, { recursive: true, force: true });
    await rm(secondCache, { recursive: true, force: true });
    const result = await buildSite({ dataDir: repoRoot, outDir: secondOut, cacheDir: secondCache });
    if (result.code !== 0) throw new Error(`the second build failed:\n${result.output}`);
  });

  it("writes the same files with the same bytes twice, from separate caches and folders", async () => {
    const [first, second] = await Promise.all([digests(exampleOut), digests(secondOut)]);
    expect(first.size).toBeGreaterThan(30);
    const onlyFirst = [...first.keys()].filter((f) => !second.has(f));
    const onlySecond = [...second.keys()].filter((f) => !first.has(f));
    const differing = [...first.keys()].filter((f) => second.has(f) && second.get(f) !== first.get(f));
    const report = [
      ...onlyFirst.slice(0, 10).map((f) => `only in the first build: ${f}`),
      ...onlySecond.slice(0, 10).map((f) => `only in the second build: ${f}`),
      ...(await Promise.all(differing.slice(0, 5).map(firstDifference))),
      ...(differing.length > 5 ? [`… and ${differing.length - 5} more differing files`] : []),
    ];
    if (report.length) {
      report.push(
        "(the first build may reuse test-artifacts/cache-example: if only values read from run files differ, " +
          "that content-layer cache holds runs parsed by older code — entries are keyed by the run files' digest only)",
      );
    }
    expect(report.join("\n"), report.join("\n")).toBe("");
  });
});
