import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { reportMessages } from "../../blocks/messages.ts";
import { compileReport } from "../compileReport.ts";
import { parseReport } from "../parseReport.ts";
import { MAX_BRACKET_NESTING, MAX_DELIMITER_RUN, MAX_PROSE_NESTING, findProseLimitProblem } from "../../format/proseLimits.ts";

const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}- item ${i + 1}\n`).join("");

describe("findProseLimitProblem(body)", () => {
  it("finds the first list item or quote nested past the limit, and passes the limit itself", () => {
    expect(findProseLimitProblem(nestedList(MAX_PROSE_NESTING))).toBeNull();
    const deep = nestedList(MAX_PROSE_NESTING + 5);
    expect(findProseLimitProblem(deep)).toEqual({ kind: "nesting", offset: deep.indexOf(`- item ${MAX_PROSE_NESTING + 1}`), length: 1 });
    const oneLine = `${"- ".repeat(MAX_PROSE_NESTING + 1)}x\n`;
    expect(findProseLimitProblem(oneLine)).toEqual({ kind: "nesting", offset: 2 * MAX_PROSE_NESTING, length: 1 });
    const quotes = `${"> ".repeat(MAX_PROSE_NESTING)}ok\n\n${">".repeat(MAX_PROSE_NESTING + 1)} deep\n`;
    expect(findProseLimitProblem(quotes)).toEqual({ kind: "nesting", offset: quotes.indexOf(">>") + MAX_PROSE_NESTING, length: 1 });
    expect(findProseLimitProblem(`> 1. ${"- ".repeat(MAX_PROSE_NESTING - 2)}x\n`)).toBeNull();
  });

  it("leaves what is not nested markdown alone: code fences, indented code, thematic breaks, ordinary lists", () => {
    const body = [
      "```python",
      ...Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}- not a list ${"*".repeat(2_000)}`),
      "```",
      "",
      "    " + "- ".repeat(500) + "indented code",
      "",
      "*".repeat(5_000),
      "",
      "- a\n  - b\n    1. c\n       - d\n",
      "Text with `" + "_".repeat(5_000) + "` in a code span, and [a [nested] link](x).",
    ].join("\n");
    expect(findProseLimitProblem(body)).toBeNull();
  });

  it("finds a run of more * or _ than emphasis can take, and brackets opened past the limit in one paragraph", () => {
    const stars = `Some **text** ${"*".repeat(MAX_DELIMITER_RUN + 1)}x\n`;
    expect(findProseLimitProblem(stars)).toEqual({ kind: "delimiters", offset: 14, length: MAX_DELIMITER_RUN + 1, char: "*" });
    expect(findProseLimitProblem(`${"_".repeat(MAX_DELIMITER_RUN)} ok\n`)).toBeNull();
    const brackets = `${"[".repeat(MAX_BRACKET_NESTING + 1)}x${"]".repeat(MAX_BRACKET_NESTING + 1)}\n`;
    expect(findProseLimitProblem(brackets)).toEqual({ kind: "brackets", offset: MAX_BRACKET_NESTING, length: 1 });
    // A blank line ends a paragraph, and with it every open bracket.
    expect(findProseLimitProblem(`${"[".repeat(MAX_BRACKET_NESTING)}\n\n${"[".repeat(MAX_BRACKET_NESTING)}\n`)).toBeNull();
  });
});

describe("a report whose prose the markdown parser cannot take", () => {
  const ctx = { runs: [makeRun("p/a")], readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id: string) => `/runs/${id}/`, render: true };

  it("is an error at the spot, and its body is not parsed (3,000 nested items took the parser minutes)", async () => {
    const report = parseReport("reports/r.md", `---\ntitle: R\n---\n\nIntro.\n\n${nestedList(3_000)}`);
    expect(report.body).toBe("");
    expect(report.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([[MAX_PROSE_NESTING + 7, 2 * MAX_PROSE_NESTING + 1, "REPORT037", reportMessages.proseTooDeep("containers", MAX_PROSE_NESTING).message]]);
    const out = await compileReport(report, ctx);
    expect(out.diagnostics.map((d) => d.code)).toEqual(["REPORT037"]);
    const stars = parseReport("reports/r.md", `---\ntitle: R\n---\n${"**".repeat(20_000)}x${"**".repeat(20_000)}\n`);
    expect(stars.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([[4, 1, "REPORT038", reportMessages.delimiterRun("*", 40_000, MAX_DELIMITER_RUN).message]]);
  });

  it("that overflows a library's stack anyway (thousands of unclosed <div>s) fails with an error, not the build", async () => {
    const report = parseReport("reports/r.md", `---\ntitle: R\n---\n\nIntro.\n\n${"<div>".repeat(20_000)}x\n`);
    const out = await compileReport(report, ctx);
    expect(out.diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[4, 1, "REPORT039"]]);
    expect(out.html).toBe("");
  });
});
