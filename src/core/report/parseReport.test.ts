import { describe, expect, it } from "vitest";
import { parseReport } from "./parseReport.ts";
import { reportMessages } from "../blocks/messages.ts";

describe("parseReport(file, text)", () => {
  it("reads front matter and finds where the body starts", () => {
    const text = "---\ntitle: Sweep\ndate: 2026-11-20\nauthors: [Ada, Alan]\nruns: project = \"p\"\n---\n\n# Hello\n";
    const r = parseReport("reports/sweep.md", text);
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toEqual({
      slug: "sweep",
      file: "reports/sweep.md",
      title: "Sweep",
      description: null,
      date: "2026-11-20",
      authors: ["Ada", "Alan"],
      draft: false,
      runs: 'project = "p"',
    });
    expect(r.bodyFirstLine).toBe(7);
    expect(r.body.split("\n")[r.bodyFirstLine - 7 + 1]).toBe("# Hello");
  });

  it("handles CRLF and a byte-order mark", () => {
    const r = parseReport("reports/a.md", "\uFEFF---\r\ntitle: A\r\nauthors: Ada\r\n---\r\nBody\r\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.meta.title).toBe("A");
    expect(r.meta.authors).toEqual(["Ada"]);
    expect(r.bodyFirstLine).toBe(5);
  });

  it("reports an unknown key at its line with a did-you-mean", () => {
    const r = parseReport("reports/a.md", "---\ntitle: A\nautors: [x]\n---\n");
    expect(r.diagnostics).toMatchObject([{ line: 3, column: 1, ...reportMessages.unknownKey("autors", "authors", []) }]);
  });

  it("requires a title and a real date", () => {
    const r = parseReport("reports/a.md", "---\ndate: last week\n---\ntext\n");
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(["REPORT004", "REPORT005"]);
    expect(r.diagnostics.find((d) => d.code === "REPORT005")).toMatchObject({ line: 2, column: 7 });
    expect(r.meta.title).toBe("a");
  });

  it("rejects file names that cannot be URLs", () => {
    const r = parseReport("reports/My Report.md", "---\ntitle: A\n---\n");
    expect(r.diagnostics).toMatchObject([{ code: "REPORT006", line: 1 }]);
  });
});
