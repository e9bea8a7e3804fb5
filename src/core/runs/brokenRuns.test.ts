/**
 * Corpus of broken run trees: each folder under tests/fixtures/broken-runs/ holds a `runs/` tree
 * and `expected.txt`, the exact formatted diagnostics of `loadAllRuns`. `UPDATE=1` rewrites the
 * expected files (refused when `CI=true`).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics.ts";
import { loadAllRuns } from "./loadRuns.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const corpus = path.join(repoRoot, "tests/fixtures/broken-runs");
const update = process.env.UPDATE === "1";
if (update && process.env.CI === "true") throw new Error("UPDATE=1 refused with CI=true: expected files are never rewritten in CI");

const cases = readdirSync(corpus, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe("loadAllRuns(rootDir) on broken run files", () => {
  it("has at least 12 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (name) => {
    const dir = path.join(corpus, name);
    const { diagnostics } = await loadAllRuns(dir);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.file.startsWith("runs/")).toBe(true);
    const actual = `${diagnostics.map(formatDiagnostic).join("\n")}\n`;
    const expectedFile = path.join(dir, "expected.txt");
    if (update) writeFileSync(expectedFile, actual);
    expect(existsSync(expectedFile), `${expectedFile} is missing; run with UPDATE=1`).toBe(true);
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));
  });
});
