import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { compileReport } from "../../src/core/report/compileReport.ts";
import { makeRun } from "../helpers/testRuns.ts";
import { parseExpression, selectRuns } from "../../src/core/query/index.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import type { History, Run } from "../../src/core/run.ts";
import { chooseMetric, metricDirection } from "../../src/core/newReport/chooseMetric.ts";
import { newReport, titleFromSlug, utcDay, type NewReportResult } from "../../src/core/newReport/newReport.ts";
import { checkSlug, suggestSlug } from "../../src/core/newReport/reportSlug.ts";
import { varyingConfigKeys } from "../../src/core/newReport/varyingConfig.ts";
import { expressionString, yamlScalar } from "../../src/core/newReport/yamlText.ts";

const NOW = new Date("2026-03-04T12:00:00Z");

/** A run that logged `metrics` over 3 steps, its summary their last values (as the loader makes it). */
function loggedRun(id: string, config: Record<string, unknown>, last: Record<string, number>, overrides: Partial<Run> = {}): Run {
  return makeRun(id, { config, summary: { ...last }, metrics: Object.keys(last).sort(), steps: 3, ...overrides });
}

function historyOf(run: Run): History {
  const metrics: Record<string, Float64Array> = {};
  for (const m of run.metrics) {
    const last = run.summary[m];
    const end = typeof last === "number" ? last : 1;
    metrics[m] = Float64Array.from([end * 3, end * 2, end]);
  }
  return { step: Float64Array.from([0, 10, 20]), time: null, metrics };
}

function ok(result: NewReportResult): Extract<NewReportResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a report, got ${JSON.stringify(result)}`);
  return result;
}

/** Every diagnostic `runfolio check` (render: false) and the build (render: true) would give. */
async function problems(text: string, runs: Run[]) {
  const report = parseReport("reports/new.md", text);
  const ctx = { runs, readHistory: async (r: Run) => historyOf(r), colors: new Map<string, string>(), hrefForRun: (id: string) => `/runs/${id}/` };
  const checked = await compileReport(report, { ...ctx, render: false });
  const built = await compileReport(report, { ...ctx, render: true });
  return { report, checked: checked.diagnostics, built: built.diagnostics, html: built.html };
}

/** The YAML of the first fenced block of `lang` in `text`, parsed. */
function block(text: string, lang: string): Record<string, unknown> {
  const m = new RegExp("```" + lang + "\\n([\\s\\S]*?)```").exec(text);
  if (!m) throw new Error(`no ${lang} block in:\n${text}`);
  return parseYaml(m[1]!) as Record<string, unknown>;
}

const sweep: Run[] = [
  loggedRun("nanogpt/lr-1e-3-seed1", { optimizer: { name: "adamw", lr: 1e-3 }, seed: 1, n_layer: 12 }, { "train/loss": 3.1, "val/loss": 3.3, "val/acc": 0.41, lr: 1e-4 }),
  loggedRun("nanogpt/lr-1e-3-seed2", { optimizer: { name: "adamw", lr: 1e-3 }, seed: 2, n_layer: 12 }, { "train/loss": 3.0, "val/loss": 3.2, "val/acc": 0.42, lr: 1e-4 }),
  loggedRun("nanogpt/lr-3e-4-seed1", { optimizer: { name: "adamw", lr: 3e-4 }, seed: 1, n_layer: 12 }, { "train/loss": 3.4, "val/loss": 3.5, "val/acc": 0.38, lr: 3e-5 }),
  loggedRun("nanogpt/lr-3e-4-seed2", { optimizer: { name: "adamw", lr: 3e-4 }, seed: 2, n_layer: 12 }, { "train/loss": 3.3, "val/loss": 3.6, "val/acc": 0.37, lr: 3e-5 }),
  loggedRun("cifar10/resnet18", { arch: "resnet18" }, { "val/acc": 0.95 }),
];

describe("newReport", () => {
  it("writes a report of the largest project: its validation loss, what varies, the two best runs", async () => {
    const result = ok(newReport({ slug: "lr-sweep", runs: sweep, now: NOW }));
    expect(result.text).toBe(
      [
        "---",
        "title: Lr sweep",
        "date: 2026-03-04",
        'runs: project = "nanogpt"',
        "# description: one line for report lists and link previews",
        "---",
        "",
        "<!-- Written by `runfolio new` from 4 runs: a starting point to edit freely.",
        "     Block keys: docs/blocks.md. Run-set expressions: docs/expressions.md. -->",
        "",
        "What question do these runs answer, and what did you find? Replace this paragraph with the",
        "setup, the result and what to try next.",
        "",
        "## Learning curve",
        "",
        "```chart",
        "y: val/loss",
        "```",
        "",
        "## Runs",
        "",
        "```runs",
        "columns:",
        "  - name",
        "  - config.optimizer.lr",
        "  - config.seed",
        "  - summary.val/loss",
        "sort: summary.val/loss",
        "highlight:",
        "  min: summary.val/loss",
        "```",
        "",
        "## The two best runs",
        "",
        "```compare",
        'runs: id in ["nanogpt/lr-1e-3-seed2", "nanogpt/lr-1e-3-seed1"]',
        "```",
        "",
      ].join("\n"),
    );
    const { checked, built, html } = await problems(result.text, sweep);
    expect(checked).toEqual([]);
    expect(built).toEqual([]);
    expect(html).toContain("<svg");
  });

  it("gives the same bytes for the same runs and day, whatever the time of day or run order", () => {
    const a = ok(newReport({ slug: "s", runs: sweep, now: new Date("2026-03-04T00:00:00Z") })).text;
    const b = ok(newReport({ slug: "s", runs: [...sweep].reverse(), now: new Date("2026-03-04T23:59:59.999Z") })).text;
    expect(b).toBe(a);
    // The date is the UTC day, not the machine's.
    expect(utcDay(new Date("2026-03-04T23:30:00-05:00"))).toBe("2026-03-05");
  });

  it("uses --runs as given, and the title as given", async () => {
    const result = ok(newReport({ slug: "seed-1", title: "Seed 1: all lrs", runSet: "config.seed = 1", runs: sweep, now: NOW }));
    expect(result.plan.selected.map((r) => r.id)).toEqual(["nanogpt/lr-1e-3-seed1", "nanogpt/lr-3e-4-seed1"]);
    expect(result.text).toContain('title: "Seed 1: all lrs"\n');
    expect(result.text).toContain("runs: config.seed = 1\n");
    expect((await problems(result.text, sweep)).checked).toEqual([]);
  });

  it("quotes awkward metric names, config keys, project names and titles so they read back exactly", async () => {
    const metric = 'val/loss: avg #1 "q"';
    const project = `we"ird 'p'`;
    const runs = [1, 2, 3].map((i) =>
      loggedRun(
        `${project}/run: ${i}`,
        { "lr-schedule": i === 1 ? "cos" : "lin", "a.b": i, "it's": i % 2 === 0, "#tag": `t${i}`, nested: { "x: y": [i, i] }, same: "s" },
        { [metric]: 1 + i / 10, "train/loss": 2 },
      ),
    );
    const title = `"Loss": it's #1 - yes`;
    const result = ok(newReport({ slug: "weird", title, runs, now: NOW }));
    const { report, checked, built } = await problems(result.text, runs);
    expect(checked).toEqual([]);
    expect(built).toEqual([]);
    expect(report.meta.title).toBe(title);
    // The front matter's run set selects exactly the project's runs.
    const parsed = parseExpression(report.meta.runs!);
    expect(parsed.ok && selectRuns(runs, parsed.expr).length).toBe(3);
    expect(block(result.text, "chart").y).toBe(metric);
    const table = block(result.text, "runs");
    // `#tag` differs in every run as text (a name, not a setting): ranked last, so left out.
    expect(table.columns).toEqual(["name", "config.`a.b`", "config.`it's`", "config.`lr-schedule`", "config.nested.`x: y`", 'summary.`val/loss: avg #1 "q"`']);
    expect(table.highlight).toEqual({ min: 'summary.`val/loss: avg #1 "q"`' });
    expect(block(result.text, "compare").runs).toBe(`id in ["we\\"ird 'p'/run: 1", "we\\"ird 'p'/run: 2"]`);
  });

  it("charts a summary-only metric as bars, and says when it guessed that lower is better", async () => {
    // A dotted metric name is one summary key (`summary.eval.score` finds it).
    const runs = [makeRun("p/a", { summary: { "eval.score": 0.5 } }), makeRun("p/b", { summary: { "eval.score": 0.7 } }), makeRun("p/c", { summary: { "eval.score": null } })];
    const result = ok(newReport({ slug: "bars", runs, now: NOW }));
    expect(block(result.text, "chart")).toEqual({ kind: "bar", y: "summary.eval.score" });
    // "score" says higher is better.
    expect(block(result.text, "runs")).toMatchObject({ sort: "-summary.eval.score", highlight: { max: "summary.eval.score" } });
    expect(result.plan.compare).toEqual(["p/b", "p/a"]);
    expect((await problems(result.text, runs)).built).toEqual([]);

    const unclear = runs.map((r) => ({ ...r, summary: { widgets: r.summary["eval.score"]! } }));
    const guessed = ok(newReport({ slug: "bars", runs: unclear, now: NOW }));
    expect(guessed.text).toContain("lower is assumed");
    expect(block(guessed.text, "runs")).toMatchObject({ sort: "summary.widgets", highlight: { min: "summary.widgets" } });
    expect((await problems(guessed.text, unclear)).checked).toEqual([]);
  });

  it("leaves out what the runs cannot fill: no chart without a numeric metric, no comparison of one run", async () => {
    const textOnly = [makeRun("p/a", { summary: { verdict: "good" }, config: { lr: 1 } }), makeRun("p/b", { summary: { verdict: "bad" }, config: { lr: 2 } })];
    const a = ok(newReport({ slug: "x", runs: textOnly, now: NOW }));
    expect(a.text).not.toContain("```chart");
    expect(a.text).toContain("No selected run has a numeric metric yet");
    expect(block(a.text, "runs")).toEqual({ columns: ["name", "config.lr"] });
    expect(a.text).not.toContain("```compare");
    expect((await problems(a.text, textOnly)).built).toEqual([]);

    const one = [loggedRun("p/only", { lr: 1 }, { loss: 1 })];
    const b = ok(newReport({ slug: "x", runs: one, now: NOW }));
    expect(block(b.text, "runs").columns).toEqual(["name", "summary.loss"]);
    expect(b.text).not.toContain("```compare");
    expect((await problems(b.text, one)).built).toEqual([]);
  });

  it("with no runs at all, writes a valid report whose blocks are commented-out guidance", async () => {
    const result = ok(newReport({ slug: "first", runs: [], now: NOW }));
    expect(result.plan.runSetFrom).toBe("none");
    expect(result.text).toContain("There are no runs under runs/ yet");
    expect(result.text).toContain('# runs: project = "my-project"');
    const { report, checked, built, html } = await problems(result.text, []);
    expect(report.diagnostics).toEqual([]);
    expect(checked).toEqual([]);
    expect(built).toEqual([]);
    // The example blocks stay inside the comment: nothing is rendered from them.
    expect(html).not.toContain("rf-block-error");
    expect(html).toContain("<!--");

    const given = ok(newReport({ slug: "first", runSet: 'project = "nanogpt"', runs: [], now: NOW }));
    expect(given.text).toContain('runs: project = "nanogpt"\n');
    expect((await problems(given.text, [])).checked).toEqual([]);
  });

  it("refuses an invalid expression with its position, and one that selects no run", () => {
    const bad = newReport({ slug: "x", runSet: "config.lr >=", runs: sweep, now: NOW });
    expect(bad).toMatchObject({ ok: false, kind: "badExpression", error: { code: "EXPR008", offset: 12 } });
    const none = newReport({ slug: "x", runSet: 'project = "nope"', runs: sweep, now: NOW });
    expect(none).toMatchObject({ ok: false, kind: "selectsNothing", expression: 'project = "nope"' });
    expect(newReport({ slug: "X", runs: sweep, now: NOW })).toMatchObject({ ok: false, kind: "badSlug", suggestion: "x" });
  });
});

describe("report names", () => {
  it("accepts what parseReport accepts, and says what was expected and found otherwise", () => {
    for (const slug of ["a", "lr-sweep-2", "2026-01-review"]) expect(checkSlug(slug)).toEqual({ ok: true });
    const upper = checkSlug("My Sweep");
    expect(upper).toMatchObject({ ok: false, suggestion: "my-sweep" });
    expect(!upper.ok && upper.message).toBe('invalid report name "My Sweep": expected lowercase letters, digits and "-", starting with a letter or digit, found "M", " ", "S"');
    const file = checkSlug("reports/x.md");
    expect(!file.ok && file.message).toContain("without reports/ and .md");
    expect(file).toMatchObject({ suggestion: "x" });
    const dash = checkSlug("-x");
    expect(!dash.ok && dash.message).toContain('found a leading "-"');
    expect(checkSlug("")).toMatchObject({ ok: false, suggestion: null });
    expect(suggestSlug("Café Résumé (v2)")).toBe("cafe-resume-v2");
    expect(titleFromSlug("lr-sweep-2")).toBe("Lr sweep 2");
  });
});

describe("metric choice", () => {
  it("prefers a logged validation loss, then any loss, over what more runs have; never bookkeeping", () => {
    const runs = [loggedRun("p/a", {}, { "val/acc": 1, "train/loss": 1, "val/loss": 1, epoch: 1, lr: 1 }), loggedRun("p/b", {}, { "val/acc": 1, "train/loss": 1, epoch: 1, lr: 1 })];
    expect(chooseMetric(runs)?.name).toBe("val/loss");
    const withoutVal = runs.map((r) => ({ ...r, metrics: r.metrics.filter((m) => m !== "val/loss"), summary: { ...r.summary, "val/loss": null } }));
    expect(chooseMetric(withoutVal)?.name).toBe("train/loss");
    expect(chooseMetric([loggedRun("p/a", {}, { epoch: 1, "val/acc": 1 })])?.name).toBe("val/acc");
    // A loss only one run in four logged does not beat an accuracy all four logged.
    const rare = [loggedRun("p/a", {}, { loss: 1, acc: 1 }), ...["b", "c", "d"].map((n) => loggedRun(`p/${n}`, {}, { acc: 1 }))];
    expect(chooseMetric(rare)?.name).toBe("acc");
    // A curve beats a summary-only number of the same kind.
    expect(chooseMetric([makeRun("p/a", { metrics: ["val/loss"], summary: { "val/loss": 1, "best/val_loss": 1 } })])?.name).toBe("val/loss");
    expect(chooseMetric([makeRun("p/a", { summary: { note: "x", gap: null } })])).toBeNull();
  });

  it("reads the direction from the name", () => {
    const cases: [string, string | null][] = [["val/loss", "min"], ["eval_error_rate", "min"], ["test/ppl", "min"], ["val/acc", "max"], ["top1_accuracy", "max"], ["eval/f1", "max"], ["mean_reward", "max"], ["widgets", null]];
    for (const [name, direction] of cases) expect([name, metricDirection(name)]).toEqual([name, direction]);
  });
});

describe("varying config keys", () => {
  it("are those that split the runs most evenly, per-run text last, returned in path order", () => {
    const runs = [1, 2, 3, 4].map((i) =>
      makeRun(`p/r${i}`, { config: { lr: i <= 2 ? 1 : 2, seed: i, batch: i === 4 ? 64 : 32, out: `/o/${i}`, const: 1, ...(i === 1 ? { only1: "x" } : {}) } }),
    );
    expect(varyingConfigKeys(runs).map((p) => p.keys.join("."))).toEqual(["batch", "lr", "only1", "seed"]);
    expect(varyingConfigKeys(runs, 2).map((p) => p.keys.join("."))).toEqual(["lr", "seed"]);
    expect(varyingConfigKeys(runs.slice(0, 1))).toEqual([]);
  });
});

describe("YAML and expression text", () => {
  it("writes every string so that YAML and the expression parser read it back unchanged", () => {
    const samples = ["val/loss", "a: b", "x #y", '"q"', "it's", 'project = "x"', "1e-4", "true", "null", "- x", "[a]", "{a}", "a\nb", " lead", "trail ", "", "*", "&a", "!t", "%x", "@x", "`x`", "? q", "x:", "~", "\u0007", "é"];
    for (const s of samples) {
      expect(parseYaml(`k: ${yamlScalar(s)}`)).toEqual({ k: s });
      expect(parseYaml(`- ${yamlScalar(s)}`)).toEqual([s]);
      const parsed = parseExpression(`name = ${expressionString(s)}`);
      expect(parsed.ok && parsed.expr.kind === "compare" && parsed.expr.value.value).toBe(s);
    }
  });
});
