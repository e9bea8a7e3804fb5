import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/core/diagnostics.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import type { Run } from "../../src/core/run.ts";
import { loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { compileReport } from "../../src/core/report/compileReport.ts";

/**
 * One broken report per file under tests/fixtures/broken-reports/cases/, each beside the exact
 * diagnostics it must produce (`<case>.expected.txt`). `UPDATE=1` rewrites them (never in CI).
 */
const root = path.resolve(import.meta.dirname, "../fixtures/broken-reports");
const casesDir = path.join(root, "cases");
const update = process.env.UPDATE === "1";
if (update && process.env.CI === "true") throw new Error("UPDATE=1 is refused when CI=true");

const cases = (await readdir(casesDir)).filter((f) => f.endsWith(".md")).sort();

// The first vega-lite case compiles the vega-lite schema validator: seconds, more on a busy machine.
describe("broken reports produce exactly their diagnostics", { timeout: 120_000 }, () => {
  let runs: Run[];
  beforeAll(async () => {
    const loaded = await loadAllRuns(root);
    expect(loaded.diagnostics).toEqual([]);
    runs = loaded.runs;
  });

  it("has a corpus of at least 15 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of cases) {
    it(file, async () => {
      const rel = `reports/${file}`;
      const report = parseReport(rel, await readFile(path.join(casesDir, file), "utf8"));
      for (const render of [true, false]) {
        const out = await compileReport(report, { runs, readHistory: (r) => readHistory(root, r), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render });
        const text = out.diagnostics.map(formatDiagnostic).join("\n") + "\n";
        const expectedFile = path.join(casesDir, file.replace(/\.md$/, ".expected.txt"));
        if (update && render) await writeFile(expectedFile, text);
        expect(out.diagnostics.length).toBeGreaterThan(0);
        expect(text).toBe(await readFile(expectedFile, "utf8"));
        // An error inside the body is shown in place of its block (sanitizing warnings are not).
        const inBody = out.diagnostics.some((d) => d.severity === "error" && d.line >= report.bodyFirstLine);
        if (render && inBody) expect(out.html).toContain('class="rf-block-error"');
      }
    });
  }
});
