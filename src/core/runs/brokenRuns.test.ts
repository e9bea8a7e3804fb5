/**
 * Corpus of broken run trees: each folder under tests/fixtures/broken-runs/ holds a `runs/` tree
 * and `expected.txt`, the exact formatted diagnostics of `loadAllRuns`. `UPDATE=1` rewrites the
 * expected files (refused when `CI=true`).
 *
 * What a checkout cannot carry — symbolic links (loops, links leaving the repository), names
 * Windows or macOS cannot store, names that are not UTF-8 — a case describes in `setup.json`, and
 * the test builds it in a temporary copy of the case:
 *   `links`:        { "runs/p/r/history.csv": "../../../../secret.csv" } (path → link text)
 *   `files`:        { "runs/p/A.json": "{}" } (path → UTF-8 content)
 *   `latin1Names`:  { "runs/p/caf\u00e9.json": "{}" } (path written as Latin-1 bytes → content)
 *   `outside`:      { "secret.csv": "…" } (files beside the data root, outside it)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
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

interface Setup {
  links?: Record<string, string>;
  files?: Record<string, string>;
  latin1Names?: Record<string, string>;
  outside?: Record<string, string>;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** The folder to load: the case itself, or a temporary copy with its `setup.json` applied. */
function dataRootOf(dir: string): string {
  const setupFile = path.join(dir, "setup.json");
  if (!existsSync(setupFile)) return dir;
  const setup = JSON.parse(readFileSync(setupFile, "utf8")) as Setup;
  const temp = mkdtempSync(path.join(tmpdir(), "runfolio-broken-"));
  temps.push(temp);
  const root = path.join(temp, "root");
  cpSync(dir, root, { recursive: true, filter: (src) => !/(setup\.json|expected\.txt)$/.test(src) });
  mkdirSync(path.join(root, "runs"), { recursive: true });
  const write = (file: string | Buffer, content: string): void => {
    mkdirSync(path.dirname(file.toString()), { recursive: true });
    writeFileSync(file, content);
  };
  for (const [file, content] of Object.entries(setup.outside ?? {})) write(path.join(temp, file), content);
  for (const [file, content] of Object.entries(setup.files ?? {})) write(path.join(root, file), content);
  for (const [file, content] of Object.entries(setup.latin1Names ?? {})) {
    const bytes = Buffer.from(path.join(root, file), "latin1");
    mkdirSync(bytes.subarray(0, bytes.lastIndexOf("/")), { recursive: true });
    writeFileSync(bytes, content);
  }
  for (const [file, target] of Object.entries(setup.links ?? {})) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    symlinkSync(target, path.join(root, file));
  }
  return root;
}

describe("loadAllRuns(rootDir) on broken run files", () => {
  it("has at least 12 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s", async (name) => {
    const dir = path.join(corpus, name);
    const { diagnostics } = await loadAllRuns(dataRootOf(dir));
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) expect(d.file.startsWith("runs")).toBe(true);
    const actual = `${diagnostics.map(formatDiagnostic).join("\n")}\n`;
    const expectedFile = path.join(dir, "expected.txt");
    if (update) writeFileSync(expectedFile, actual);
    expect(existsSync(expectedFile), `${expectedFile} is missing; run with UPDATE=1`).toBe(true);
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));
  });
});
