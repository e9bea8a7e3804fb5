import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { formatDiagnostic } from "../../diagnostics.ts";
import { compileReport } from "../compileReport.ts";
import { parseReport } from "../parseReport.ts";
import { reportRunSets } from "../reportRunSets.ts";
import { parseInlineClaim } from "./parseInlineClaim.ts";

const runs = [
  makeRun("nanogpt/lr-1e-4-seed1", { config: { lr: 1e-4 }, summary: { "val/loss": 3.2, "val/acc": 0.41 } }),
  makeRun("nanogpt/lr-1e-4-seed2", { config: { lr: 1e-4 }, summary: { "val/loss": 3.1, "val/acc": 0.43 } }),
  makeRun("nanogpt/lr-3e-4-seed1", { config: { lr: 3e-4 }, summary: { "val/loss": 3.0, "val/acc": 0.4567 } }),
  makeRun("nanogpt/lr-3e-4-seed2", { config: { lr: 3e-4 }, summary: { "val/loss": 2.96, "val/acc": 0.46 }, state: "crashed" }),
];

async function render(markdown: string) {
  const report = parseReport("reports/r.md", `---\ntitle: R\n---\n${markdown}`);
  const out = await compileReport(report, { runs, readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: true });
  return { html: out.html, diagnostics: out.diagnostics.map(formatDiagnostic) };
}

const mark = (holds: boolean, title: string) =>
  `<span class="rf-claim-inline rf-claim-${holds ? "holds" : "fails"}" role="img" aria-label="${title}" title="${title}">${holds ? "✓" : "✗"}</span>`;

describe("inline claims {{ check: … }}", () => {
  it("renders a claim that holds as the sentence with a ✓ whose title states the values compared", async () => {
    const out = await render(
      [
        "The 3e-4 runs beat the 1e-4 runs by more than 2% {{ check: (mean val/loss | runs: config.lr = 3e-4) < (mean val/loss | runs: config.lr = 1e-4) by 2% }}.",
        "The best run {{ check: (val/acc | run: nanogpt/lr-3e-4-seed2) >= (max val/acc | runs: config.lr = 1e-4) by 0.03 }}, four runs {{ check: (count) = 4 }},",
        'and no 1e-4 run crashed {{ check: none state = "crashed" | runs: config.lr = 1e-4 }}.',
      ].join("\n"),
    );
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe(
      "<p>The 3e-4 runs beat the 1e-4 runs by more than 2% " +
        mark(true, "claim holds: mean of summary.val/loss over 2 of 2 runs (config.lr = 3e-4) = 2.98 vs mean of summary.val/loss over 2 of 2 runs (config.lr = 1e-4) = 3.15: 5.397% lower, needed at least 2%") +
        ".\nThe best run " +
        mark(true, "claim holds: summary.val/acc of nanogpt/lr-3e-4-seed2 = 0.46 vs max of summary.val/acc over 2 of 2 runs (config.lr = 1e-4) = 0.43: 0.03 higher (6.977%), needed at least 0.03") +
        ", four runs " +
        mark(true, "claim holds: runs in every run = 4 vs 4: equal") +
        ",\nand no 1e-4 run crashed " +
        mark(true, "claim holds: none state = &quot;crashed&quot; | runs: config.lr = 1e-4: all 2 runs do not match (run set: config.lr = 1e-4)") +
        ".</p>",
    );
    // The runs each claim was evaluated over count as used by the report (backlinks).
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\nA {{ check: (val/acc | run: nanogpt/lr-3e-4-seed2) > (max val/acc | runs: config.lr = 1e-4) }}.\n");
    expect((await reportRunSets(report, runs)).usedRunIds).toEqual(["nanogpt/lr-1e-4-seed1", "nanogpt/lr-1e-4-seed2", "nanogpt/lr-3e-4-seed2"]);
  });

  it("fails a claim the data does not support at the claim's line and column, with the values", async () => {
    const out = await render(
      ["Intro.", "", "The 3e-4 runs win {{ check: (mean val/loss | runs: config.lr = 3e-4) < (mean val/loss | runs: config.lr = 1e-4) by 10% }} clearly.", "", 'Every run finished {{ check: every state = "finished" }}.'].join("\n"),
    );
    expect(out.diagnostics).toEqual([
      [
        "reports/r.md:6:22: error REPORT031: claim does not hold: (mean val/loss | runs: config.lr = 3e-4) < (mean val/loss | runs: config.lr = 1e-4) by 10%: mean of summary.val/loss over 2 of 2 runs (config.lr = 3e-4) = 2.98 vs mean of summary.val/loss over 2 of 2 runs (config.lr = 1e-4) = 3.15: 5.397% lower, needed at least 10%",
        "  6 | The 3e-4 runs win {{ check: (mean val/loss | runs: config.lr = 3e-4) < (mean val/loss | runs: config.lr = 1e-4) by 10% }…",
        "                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      ].join("\n"),
      [
        'reports/r.md:8:23: error REPORT031: claim does not hold: every state = "finished": 1 of 4 runs do not match: nanogpt/lr-3e-4-seed2 (run set: every run)',
        '  8 | Every run finished {{ check: every state = "finished" }}.',
        "                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
      ].join("\n"),
    ]);
    expect(out.html).toContain(`<span class="rf-claim-inline rf-claim-fails" role="img" aria-label="claim does not hold: every state = &quot;finished&quot;: 1 of 4 runs do not match: nanogpt/lr-3e-4-seed2 (run set: every run)"`);
    expect(out.html).toContain(">✗</span>.</p>");
  });

  it("reports a malformed claim at the part that is wrong, with what was expected and found", async () => {
    const lines = [
      "a {{ check: mean val/loss < 3 }}",
      "b {{ check: (mean val/loss | runs: config.lr = 3e-4) 3 }}",
      "c {{ check: (mean val/loss | runs: config.lr = 3e-4 < 3 }}",
      "d {{ check: (val/loss | run: nanogpt/lr-3e-4-seed1) = 3 by 2% }}",
      "e {{ check: 2 < 3 }}",
      "f {{ check: (count) > 3 by lots }}",
      "g {{ check: (state | run: nanogpt/lr-3e-4-seed1) < 3 }}",
      "h {{ check: (mean val/los | runs: config.lr = 3e-4) < 3 }}",
      "i {{ check: every state = | runs: config.lr = 1e-4 }}",
      "j {{ check: every state = \"finished\" | run: x }}",
      "k {{ check: (val/loss | run: nanogpt/lr-3e-4-seed9) < 3 }}",
      "l {{ check: (count | runs: config.lr = 1) > 0 }}",
      "m {{ check: (max val/loss | runs: config.lr = 3e-4) < 3 extra }}",
    ];
    const out = await render(lines.join("\n\n"));
    const brief = out.diagnostics.map((d) => d.split("\n").filter((l) => !l.startsWith("  ") || l.startsWith("  hint")).join(" / "));
    expect(brief).toEqual([
      "reports/r.md:4:13: error REPORT035: inline claim: expected a cited value in parentheses, e.g. (mean val/loss | runs: config.lr = 3e-4), or a number, found `mean` /   hint: put each cited value in parentheses: {{ check: (mean val/loss | runs: <expression>) < 3.2 }}",
      "reports/r.md:6:54: error REPORT035: inline claim: expected a comparison (<, <=, >, >=, =, !=) after `(mean val/loss | runs: config.lr = 3e-4)`, found `3` /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:8:13: error REPORT035: inline claim: expected `)` closing this `(`, found the end of the claim /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:10:57: error REPORT035: inline claim: expected `by` only after <, <=, > or >=, found `by` after `=` /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:12:13: error REPORT035: inline claim: expected a cited value on at least one side (a claim is about the runs), found two numbers /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:14:28: error REPORT035: inline claim: expected a margin after `by`: a number (0.05) or a percentage of the right side (2%), found `lots` /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:16:13: error REPORT036: inline claim: state of nanogpt/lr-3e-4-seed1 is \"finished\", not a number to compare /   hint: compare numeric fields (summary.*, config.* numbers, duration, steps), counts or aggregates; `every`/`none` test other fields",
      "reports/r.md:18:19: error REPORT029: mean val/los: none of the 2 selected runs has a number for `summary.val/los` /   hint: choose a numeric field (summary.*, config.* numbers, duration, steps), or change the run set",
      "reports/r.md:20:26: error EXPR008: expected a value after '=', found end of input",
      "reports/r.md:22:40: error REPORT035: inline claim: expected `| runs: <expression>` after the condition, found `run: x` /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
      "reports/r.md:24:30: error REPORT027: no run has the id `nanogpt/lr-3e-4-seed9` /   hint: did you mean `nanogpt/lr-3e-4-seed1`?",
      "reports/r.md:26:28: error REPORT030: count: the run set `config.lr = 1` selects no run /   hint: check the expression against the runs' fields; `runfolio check` lists what each run has",
      "reports/r.md:28:57: error REPORT035: inline claim: expected the end of the claim, found `extra` /   hint: write {{ check: (mean val/loss | runs: <expression>) < (mean val/loss | runs: <expression>) by 2% }} or {{ check: every <condition> | runs: <expression> }} (docs/blocks.md)",
    ]);
    // Each stays in the page as written, marked as an error.
    expect(out.html.match(/<mark class="rf-block-error"/g)).toHaveLength(lines.length);
    expect(out.html).toContain('title="REPORT035: inline claim: expected the end of the claim, found `extra`">{{ check: (max val/loss | runs: config.lr = 3e-4) &lt; 3 extra }}</mark>');
  });

  it("refuses a number too large to be finite (1e999) as a side or a margin, instead of a verdict against Infinity", async () => {
    const out = await render(["a {{ check: (count) < 1e999 }}", "b {{ check: (count) > -1e999 }}", "c {{ check: (count) > 1 by 1e999 }}", "d {{ check: (count) > 1 by 1e999999% }}"].join("\n\n"));
    expect(out.diagnostics.map((d) => d.split("\n")[0])).toEqual([
      "reports/r.md:4:23: error REPORT035: inline claim: expected a finite number, found `1e999`, which is too large for a number",
      "reports/r.md:6:23: error REPORT035: inline claim: expected a finite number, found `-1e999`, which is too large for a number",
      "reports/r.md:8:28: error REPORT035: inline claim: expected a margin after `by`: a number (0.05) or a percentage of the right side (2%), found `1e999`",
      "reports/r.md:10:28: error REPORT035: inline claim: expected a margin after `by`: a number (0.05) or a percentage of the right side (2%), found `1e999999%`",
    ]);
  });

  it("keeps quoted and nested parentheses inside a cited side, and reads `==` as `=`", () => {
    const parsed = parseInlineClaim(' check: (count | runs: (name ~ "a)b" or config.lr = 1)) == 2 ', 100);
    expect("claim" in parsed && parsed.claim.kind === "compare" && [parsed.claim.left.text, parsed.claim.op, parsed.claim.right.number, parsed.claim.offset]).toEqual([
      '(count | runs: (name ~ "a)b" or config.lr = 1))',
      "=",
      2,
      101,
    ]);
  });

  it("leaves claims in code, and escaped ones, as text", async () => {
    const out = await render("`{{ check: every state = \"x\" }}` and \\{{ check: every state = \"x\" }}");
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe('<p><code>{{ check: every state = "x" }}</code> and {{ check: every state = "x" }}</p>');
  });
});
