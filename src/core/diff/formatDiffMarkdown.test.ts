import { describe, expect, it } from "vitest";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { diffSnapshots } from "./diffSnapshots.ts";
import { codeCell, formatDiffMarkdown, GITHUB_COMMENT_LIMIT } from "./formatDiffMarkdown.ts";
import type { Snapshot } from "./loadSnapshot.ts";
import { emptyHistory } from "../runs/HistoryBuilder.ts";

const snapshot = (runs: Snapshot["runs"], reports: Snapshot["reports"] = []): Snapshot => ({ runs, reports, diagnostics: [], digests: new Map(), history: () => Promise.resolve(emptyHistory()), system: () => Promise.resolve(null) });
const labels = { base: "main (1234567)", head: "working tree" };

describe("formatDiffMarkdown(diff, labels)", () => {
  it("stays under GitHub's comment limit on a 2,000-run change and says what it left out", async () => {
    const summary = (i: number, shift: number) => Object.fromEntries(Array.from({ length: 8 }, (_, m) => [`metric/${m}`, i + m + shift]));
    const config = (i: number, shift: number) => ({ lr: i * 1e-4 + shift, layers: i % 7, name: `model-${i}-${shift}` });
    const base = snapshot(Array.from({ length: 2000 }, (_, i) => makeRun(`big/run-${String(i).padStart(4, "0")}`, { group: "g", summary: summary(i, 0), config: config(i, 0) })));
    const head = snapshot([
      ...base.runs.slice(0, 1500).map((r, i) => ({ ...r, summary: summary(i, 1), config: config(i, 1) })),
      ...Array.from({ length: 500 }, (_, i) => makeRun(`big/new-${String(i).padStart(4, "0")}`, { group: "g", summary: summary(i, 2) })),
    ]);
    const diff = await diffSnapshots(base, head);
    expect([diff.changed.length, diff.added.length, diff.removed.length]).toEqual([1500, 500, 500]);
    const md = formatDiffMarkdown(diff, labels);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT - 4000);
    const shownChanged = (md.match(/^\| `big\/run-\d{4}` \| `config\.lr`/gm) ?? []).length;
    expect(shownChanged).toBeGreaterThan(100);
    const shownAdded = (md.match(/^\| `big\/new-\d{4}` \|/gm) ?? []).length;
    const shownRemoved = (md.match(/^\| `big\/run-\d{4}` \|$/gm) ?? []).length;
    // Every kind of change keeps some room: the later sections are not crowded out.
    expect(shownAdded).toBeGreaterThan(5);
    expect(shownRemoved).toBeGreaterThan(50);
    const note = /Left out to stay under GitHub's 65,536-character comment limit: ([\d,]+) changed runs, ([\d,]+) added runs, ([\d,]+) removed runs\. Run `runfolio diff` for the full list\.\n$/.exec(md);
    expect(note).not.toBeNull();
    const count = (i: number) => Number(note![i]!.replace(/,/g, ""));
    expect([count(1) + shownChanged, count(2) + shownAdded, count(3) + shownRemoved]).toEqual([1500, 500, 500]);
    expect(md.split("<details").length).toBe(md.split("</details>").length);
  });

  it("keeps a small limit too, dropping whole items only", async () => {
    const base = snapshot([makeRun("p/a", { summary: { x: 1 } }), makeRun("p/b", { summary: { x: 1 } })]);
    const head = snapshot([makeRun("p/a", { summary: { x: 2 } }), makeRun("p/b", { summary: { x: 3 } })]);
    const md = formatDiffMarkdown(await diffSnapshots(base, head), labels, { limit: 2_500 });
    expect(md.length).toBeLessThanOrEqual(2_500);
    expect(md).toContain("| `p/a` | `summary.x` | `1` | `2` | +1 (+100%) |");
    expect(md).toContain("| `p/b` | `summary.x` | `1` | `3` | +2 (+200%) |");
  });
});

describe("codeCell(text)", () => {
  it("puts user text in a code span that no backtick, pipe, newline or HTML escapes", () => {
    expect(codeCell("a|b")).toBe("`a\\|b`");
    expect(codeCell("x `y` z")).toBe("``x `y` z``");
    expect(codeCell("`edge")).toBe("`` `edge ``");
    expect(codeCell("<img src=x onerror=alert(1)>\n@team")).toBe("`<img src=x onerror=alert(1)> @team`");
    expect(codeCell("")).toBe("");
    expect(codeCell("x".repeat(200))).toBe(`\`${"x".repeat(119)}…\``);
  });
});
