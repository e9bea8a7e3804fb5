import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { parseReport } from "../parseReport.ts";
import { compileReport } from "../compileReport.ts";
import { factMessages } from "./factMessages.ts";

const runs = [
  makeRun("nanogpt/lr-1e-4-seed1", { config: { lr: 1e-4 }, summary: { "val/loss": 3.2, "val/acc": 0.41 }, duration: 3725 }),
  makeRun("nanogpt/lr-1e-4-seed2", { config: { lr: 1e-4 }, summary: { "val/loss": 3.1, "val/acc": 0.43 } }),
  makeRun("nanogpt/lr-3e-4-seed1", { config: { lr: 3e-4 }, summary: { "val/loss": 3.0, "val/acc": 0.4567 } }),
  makeRun("nanogpt/lr-3e-4-seed2", { config: { lr: 3e-4 }, summary: { "val/loss": 2.96, "val/acc": 0.46 }, state: "crashed" }),
];

async function render(markdown: string, frontRuns?: string) {
  const report = parseReport("reports/r.md", `---\ntitle: R\n${frontRuns ? `runs: ${frontRuns}\n` : ""}---\n${markdown}`);
  return compileReport(report, { runs, readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: true });
}

describe("cited values {{ … }}", () => {
  it("renders a run's value linked to its page, and aggregates over a run set, formatted like tables", async () => {
    const out = await render(
      [
        "Best: {{ summary.val/loss | run: nanogpt/lr-3e-4-seed2 }} ({{ val/acc | run: nanogpt/lr-3e-4-seed1 | format: percent }} accuracy, took {{ duration | run: nanogpt/lr-1e-4-seed1 }}).",
        "",
        "{{ count }} runs; {{ count | runs: config.lr = 3e-4 }} at 3e-4 with mean {{ mean val/loss | runs: config.lr = 3e-4 }}, min {{ min summary.val/loss }}, median {{ median val/acc | digits: 2 }}.",
        "",
        "Code stays code: `{{ count }}` and \\{{ count }}.",
        "",
        "```",
        "{{ count }}",
        "```",
      ].join("\n"),
    );
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe(
      [
        '<p>Best: <a class="rf-cite" href="/runs/nanogpt/lr-3e-4-seed2/" title="summary.val/loss of nanogpt/lr-3e-4-seed2">2.96</a> (<a class="rf-cite" href="/runs/nanogpt/lr-3e-4-seed1/" title="summary.val/acc of nanogpt/lr-3e-4-seed1">45.67%</a> accuracy, took <a class="rf-cite" href="/runs/nanogpt/lr-1e-4-seed1/" title="duration of nanogpt/lr-1e-4-seed1">1h 02m</a>).</p>',
        '<p><span class="rf-cite" title="runs in every run">4</span> runs; <span class="rf-cite" title="runs in config.lr = 3e-4">2</span> at 3e-4 with mean <span class="rf-cite" title="mean of summary.val/loss over 2 of 2 runs (config.lr = 3e-4)">2.98</span>, min <span class="rf-cite" title="min of summary.val/loss over 4 of 4 runs (every run)">2.96</span>, median <span class="rf-cite" title="median of summary.val/acc over 4 of 4 runs (every run)">0.44</span>.</p>',
        "<p>Code stays code: <code>{{ count }}</code> and {{ count }}.</p>",
        "<pre><code>{{ count }}\n</code></pre>",
      ].join("\n"),
    );
  });

  it("takes the report's front-matter run set by default", async () => {
    const out = await render("{{ count }} and {{ max val/loss }}", 'config.lr = 1e-4');
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toContain('title="runs in config.lr = 1e-4">2</span>');
    expect(out.html).toContain(">3.2</span>");
  });

  it("places an empty default run set's error at the citation itself, also for a bare {{ count }}", async () => {
    const out = await render("Intro.\n\nWe ran {{ count }} runs, mean {{ mean val/loss }}.", "config.lr = 1");
    expect(out.diagnostics.map((d) => [d.line, d.column, d.code, d.message])).toEqual([
      [7, 11, "REPORT030", factMessages.emptyRunSet("count", "config.lr = 1").message],
      [7, 34, "REPORT030", factMessages.emptyRunSet("mean val/loss", "config.lr = 1").message],
    ]);
  });

  it("escapes what a run id or value holds", async () => {
    const hostile = [makeRun("p/x", { summary: { note: '<img src=x onerror="alert(1)">' } })];
    const report = parseReport("reports/r.md", "---\ntitle: R\n---\n{{ summary.note | run: p/x }}\n");
    const out = await compileReport(report, { runs: hostile, readHistory: async () => ({ step: new Float64Array(), time: null, metrics: {} }), colors: new Map(), hrefForRun: (id) => `/runs/${id}/"x`, render: true });
    expect(out.html).toBe('<p><a class="rf-cite" href="/runs/p/x/&quot;x" title="summary.note of p/x">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</a></p>');
  });
});

describe("```check claims", () => {
  it("shows each claim that holds with its mark and numbers, and reports nothing", async () => {
    const out = await render(
      [
        "```check",
        "- claim: the lr 3e-4 runs beat the lr 1e-4 runs on val/loss by at least 2%",
        "  runs: config.lr = 3e-4",
        "  lower: val/loss",
        "  than: config.lr = 1e-4",
        "  by: 2%",
        "- claim: accuracy above 0.4 everywhere",
        "  every: summary.val/acc > 0.4",
        "- claim: the best 3e-4 run is higher on accuracy by 0.01",
        "  runs: config.lr = 3e-4",
        "  higher: summary.val/acc",
        "  agg: max",
        "  than: config.lr = 1e-4",
        "  by: 0.01",
        "```",
      ].join("\n"),
    );
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toBe(
      '<section class="rf-claims" aria-label="Claims checked against the runs"><ul>' +
        '<li class="rf-claim rf-claim-holds"><span class="rf-claim-mark" role="img" aria-label="holds">✓</span> the lr 3e-4 runs beat the lr 1e-4 runs on val/loss by at least 2% <span class="rf-claim-detail">(mean val/loss 2.98 (2 runs) vs 3.15 (2 runs): 5.397% lower, needed at least 2%)</span></li>' +
        '<li class="rf-claim rf-claim-holds"><span class="rf-claim-mark" role="img" aria-label="holds">✓</span> accuracy above 0.4 everywhere <span class="rf-claim-detail">(all 4 runs match)</span></li>' +
        '<li class="rf-claim rf-claim-holds"><span class="rf-claim-mark" role="img" aria-label="holds">✓</span> the best 3e-4 run is higher on accuracy by 0.01 <span class="rf-claim-detail">(max val/acc 0.46 (2 runs) vs 0.43 (2 runs): 0.03 higher (6.977%), needed at least 0.01)</span></li>' +
        "</ul></section>",
    );
  });

  it("refuses `than` and `by` that are not finite numbers (1e999, .inf, .nan), naming what was found", async () => {
    const claims = [
      ["claim: a", "lower: val/loss", "than: 1e999"],
      ["claim: b", "higher: val/loss", "than: -.inf"],
      ["claim: c", "lower: val/loss", "than: .nan"],
      ["claim: d", "lower: val/loss", "than: 5", "by: .inf"],
      ["claim: e", "lower: val/loss", "than: 5", "by: .nan"],
    ];
    const out = await render(["```check", ...claims.flatMap((c) => c.map((line, i) => `${i === 0 ? "- " : "  "}${line}`)), "```"].join("\n"));
    expect(out.diagnostics.map((d) => `${d.line}:${d.column}: ${d.code}: ${d.message}`)).toEqual([
      "7:9: REPORT032: check block: expected `than`: a finite number to be lower than, found Infinity",
      "10:9: REPORT032: check block: expected `than`: a finite number to be higher than, found -Infinity",
      "13:9: REPORT032: check block: expected `than`: a finite number to be lower than, found NaN",
      "17:7: REPORT032: check block: expected `by` to be a finite number from 0 or a percentage such as 2%, found Infinity",
      "21:7: REPORT032: check block: expected `by` to be a finite number from 0 or a percentage such as 2%, found NaN",
    ]);
  });

  it("fails a claim that the data no longer supports, at the claim's line", async () => {
    const out = await render(["Intro.", "", "```check", "claim: every run finished", "every: state = \"finished\"", "```"].join("\n"));
    expect(out.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`)).toEqual([
      "reports/r.md:7:8: REPORT031: claim does not hold: every run finished: 1 of 4 runs do not match: nanogpt/lr-3e-4-seed2",
    ]);
    expect(out.html).toContain('<li class="rf-claim rf-claim-fails"><span class="rf-claim-mark" role="img" aria-label="fails">✗</span> every run finished');
    expect(out.html).toContain('class="rf-block-error"');
  });
});
