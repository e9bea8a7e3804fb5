import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectWellFormed } from "../../../tests/unit/fuzz/fuzz.ts";
import { loadAllRuns, readHistory } from "../runs/loadRuns.ts";
import { compileReport } from "./compileReport.ts";
import { parseReport } from "./parseReport.ts";

const root = path.resolve(import.meta.dirname, "../../../tests/fixtures/broken-reports");

async function diagnosticsOf(source: string) {
  const { runs } = await loadAllRuns(root);
  const out = await compileReport(parseReport("reports/r.md", source), { runs, readHistory: (r) => readHistory(root, r), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: false });
  return out.diagnostics;
}

describe("a fenced block's body as a region of the file", () => {
  it("places the empty body of a fence left open on the last line on the fence's line (found by the fuzz run)", async () => {
    const source = "---\ntitle: T\n---\n\n\n\n> ```vega-lite";
    const found = (await diagnosticsOf(source)).filter((d) => d.code === "BLOCK022");
    expect(found.map((d) => [d.line, d.column])).toEqual([[7, 1]]);
    expectWellFormed(found, { file: "reports/r.md", text: source });
  });

  it("puts a diagnostic on a blank body line of a list item at its first column (found by the fuzz run)", async () => {
    const source = "---\ntitle: T\n---\n\n- ```chart\n\ny: summary.val/loss\n```\n";
    const found = (await diagnosticsOf(source)).filter((d) => d.code === "BLOCK006");
    expect(found.map((d) => [d.line, d.column])).toEqual([[6, 1]]);
    expectWellFormed(found, { file: "reports/r.md", text: source });
  });

  it("measures each body line's indent in the file: a line may be indented less than the fence (found by the fuzz run)", async () => {
    const source = "---\ntitle: T\n---\n\n  ```chart\n  y: nope\n`\n";
    const found = (await diagnosticsOf(source)).filter((d) => d.code === "BLOCK001");
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect([d.line, d.column]).toEqual([7, 1]);
    expect(found[0]!.excerpt).toBe("  7 | `\n      ^");
    expectWellFormed(found, { file: "reports/r.md", text: source });
  });

  it("keeps a body that has lines on the line after the fence", async () => {
    const source = "---\ntitle: T\n---\n\n```vega-lite\nmark: point\n```\n";
    const found = (await diagnosticsOf(source)).filter((d) => d.code === "BLOCK022");
    expect(found.map((d) => d.line)).toEqual([6]);
  });
});
