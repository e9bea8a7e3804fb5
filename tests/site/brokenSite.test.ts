import path from "node:path";
import { rm } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";

const dataDir = path.join(repoRoot, "tests/fixtures/broken-site");
const outDir = path.join(repoRoot, "test-artifacts/broken-site");

describe("astro build over broken runs and reports", () => {
  it("fails and lists every error with its position, not only the first", async () => {
    await rm(outDir, { recursive: true, force: true });
    const result = await buildSite({ dataDir, outDir, cacheDir: path.join(repoRoot, "test-artifacts/cache-broken") });
    expect(result.code).not.toBe(0);
    const lines = result.output.split("\n");
    const has = (re: RegExp) => lines.some((l) => re.test(l));
    expect(has(/runs\/demo\/bad\.json:4:28: error RUN001: invalid JSON/)).toBe(true);
    expect(has(/runs\/demo\/csvrun\/history\.csv:3:3: error RUN\d+: .*oops/)).toBe(true);
    expect(has(/reports\/broken\.md:7:4: error BLOCK009: no selected run has the metric `los`/)).toBe(true);
    expect(has(/reports\/broken\.md:13:17: error EXPR\d+: /)).toBe(true);
    expect(has(/Runfolio found 4 errors/)).toBe(true);
  });
});

describe("astro build over runs with warnings only", () => {
  it("succeeds and prints each warning with its position", async () => {
    const out = path.join(repoRoot, "test-artifacts/warning-site");
    await rm(out, { recursive: true, force: true });
    const result = await buildSite({
      dataDir: path.join(repoRoot, "tests/fixtures/warning-site"),
      outDir: out,
      cacheDir: path.join(repoRoot, "test-artifacts/cache-warning"),
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/runs\/demo\/a\.json:3:3: warning RUN003: unknown key "owner"/);
    expect(result.output).toMatch(/runs\/demo\/a\.json:4:\d+: warning RUN011: column "unused" has no values/);
  });
});
