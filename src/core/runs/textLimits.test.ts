import { describe, expect, it } from "vitest";
import { parseReport } from "../report/parseReport.ts";
import { parseRunFile } from "./parseRunFolder.ts";
import { parseRunsTable } from "./parseRunsTable.ts";
import { TEXT_LIMITS, clipRunText, clipText } from "./textLimits.ts";

const where = (ds: { line: number; column: number; severity: string; code: string; message: string }[]): string[] => ds.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`);

describe("clipText(text, limit)", () => {
  it("keeps short text, cuts long text with an ellipsis, never inside a surrogate pair", () => {
    expect(clipText("abc", 3)).toBe("abc");
    expect(clipText("abcd", 3)).toBe("abc…");
    expect(clipText("ab😀d", 3)).toBe("ab…");
  });
});

describe("long text in run files", () => {
  const name = "n".repeat(5_000);
  const notes = "x".repeat(TEXT_LIMITS.notes + 1);
  const prompt = "p".repeat(TEXT_LIMITS.value + 5);

  it("warns with the field, its length and position (JSON); the run keeps every character", () => {
    const text = `{\n  "name": "${name}",\n  "notes": "${notes}",\n  "tags": ["ok", "${"t".repeat(201)}"],\n  "config": {"a": {"prompt": "${prompt}"}},\n  "summary": {"s": "${prompt}"}\n}\n`;
    const { run, diagnostics } = parseRunFile("p/r", { path: "runs/p/r.json", text });
    expect(where(diagnostics)).toEqual([
      `2:11 warning RUN042 \`name\` is 5000 characters long; pages show the first ${TEXT_LIMITS.name}`,
      "4:18 warning RUN042 `tags[1]` is 201 characters long; pages show the first 200",
      `3:12 warning RUN042 \`notes\` is ${TEXT_LIMITS.notes + 1} characters long; pages show the first ${TEXT_LIMITS.notes}`,
      `5:30 warning RUN042 \`config.a.prompt\` is ${TEXT_LIMITS.value + 5} characters long; pages show the first ${TEXT_LIMITS.value}`,
      `6:20 warning RUN042 \`summary.s\` is ${TEXT_LIMITS.value + 5} characters long; pages show the first ${TEXT_LIMITS.value}`,
    ]);
    expect(run!.name).toBe(name);
    expect(run!.notes).toBe(notes);
    const shown = clipRunText(run!);
    expect(shown.name).toBe(`${"n".repeat(TEXT_LIMITS.name)}…`);
    expect(shown.notes!.length).toBe(TEXT_LIMITS.notes + 1);
    expect(shown.tags).toEqual(["ok", `${"t".repeat(200)}…`]);
    expect(((shown.config.a as Record<string, unknown>).prompt as string).length).toBe(TEXT_LIMITS.value + 1);
    expect((shown.summary.s as string).endsWith("…")).toBe(true);
    expect(run!.name).toBe(name);
  });

  it("warns at the cell in runs.csv", () => {
    const { runs, diagnostics } = parseRunsTable({ path: "runs/p/runs.csv", text: `id,name,config.prompt\nr1,${name},${prompt}\n` }, "p");
    expect(where(diagnostics).map((d) => d.slice(0, 24))).toEqual(["2:4 warning RUN042 `name", "2:5005 warning RUN042 `c"]);
    expect(runs[0]!.name).toBe(name);
  });

  it("warns at a report's long title and description, and clips them", () => {
    const r = parseReport("reports/r.md", `---\ntitle: ${"T".repeat(300)}\ndescription: ${"d".repeat(TEXT_LIMITS.notes + 1)}\n---\n`);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`)).toEqual(["2:8 warning REPORT015", "3:14 warning REPORT015"]);
    expect(r.meta.title).toBe(`${"T".repeat(TEXT_LIMITS.name)}…`);
    expect(r.meta.description!.length).toBe(TEXT_LIMITS.notes + 1);
  });
});
