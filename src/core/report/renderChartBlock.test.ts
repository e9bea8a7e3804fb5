import { describe, expect, it } from "vitest";
import { parseBlock, type ParsedBlock } from "./parseBlock.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { History, Run } from "../run.ts";
import type { BlockContext } from "../blocks/blockTypes.ts";
import { renderBlock } from "./renderBlock.ts";

// A small sweep: lr × seed, val/loss lowest at lr=1e-3; histories of three points.
const runs: Run[] = [];
for (const lr of [1e-4, 1e-3, 1e-2]) {
  for (const seed of [1, 2, 3]) {
    const loss = (lr === 1e-3 ? 1 : lr === 1e-4 ? 2 : 3) + seed / 100;
    runs.push(
      makeRun(`p/lr${lr}-s${seed}`, {
        config: { lr, seed, opt: seed === 3 ? "sgd" : "adam" },
        summary: { "val/loss": loss },
        metrics: ["val/loss"],
        steps: 3,
      }),
    );
  }
}
const histories = new Map<string, History>(
  runs.map((r) => {
    const last = r.summary["val/loss"] as number;
    return [r.id, { step: Float64Array.of(0, 10, 20), time: null, metrics: { "val/loss": Float64Array.of(last + 2, last + 1, last) } }];
  }),
);
const ctx: BlockContext = {
  runs,
  defaultRunSet: null,
  readHistory: async (r) => histories.get(r.id)!,
  colors: new Map(runs.map((r, i) => [r.id, `#00000${i}`])),
  hrefForRun: (id) => `/runs/${id}/`,
  render: true,
};

function block(yaml: string): ParsedBlock {
  const parsed = parseBlock("chart", { file: "reports/t.md", text: yaml, firstLine: 1, indent: 0 });
  if (!parsed.block) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  return parsed.block;
}

async function render(yaml: string) {
  const out = await renderBlock(block(yaml), 0, ctx);
  const m = out.html.match(/<script type="application\/json" class="rf-chart-data">([\s\S]*?)<\/script>/);
  return { ...out, payload: m ? JSON.parse(m[1]!) : null };
}

describe("renderBlock(chart of each kind)", () => {
  it("scatter: one point per run with both fields, coloured by a field", async () => {
    const r = await render("kind: scatter\nx: config.lr\ny: val/loss\ncolor: config.seed\nscale: { x: log }\n");
    expect(r.diagnostics).toEqual([]);
    const points = r.payload.datasets.points as { x: number; y: number }[];
    expect(points).toHaveLength(9);
    expect(points.find((p) => p.x === 1e-3 && p.y === 1.01)).toBeDefined();
    expect(r.html).toContain("<svg");
  });

  it("bar grouped by a field: one bar per group with its mean, error bars and n", async () => {
    const r = await render("kind: bar\ny: summary.val/loss\ngroup: config.lr\nband: minmax\n");
    expect(r.diagnostics).toEqual([]);
    const bars = r.payload.datasets.bars as Record<string, unknown>[];
    expect(bars).toHaveLength(3);
    const mid = bars.find((b) => String(b.label).startsWith("lr=1e-3"))!;
    expect(mid.value).toBeCloseTo(1.02, 10);
    expect(mid.lower).toBeCloseTo(1.01, 10);
    expect(mid.upper).toBeCloseTo(1.03, 10);
    expect(mid.n).toBe(3);
  });

  it("histogram: every run counted once", async () => {
    const r = await render("kind: histogram\ny: val/loss\n");
    const bins = r.payload.datasets.bins as { count: number }[];
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(9);
  });

  it("scalar: the best value and the run it comes from, linked", async () => {
    const r = await render("kind: scalar\ny: val/loss\nreduce: min\ntitle: Best loss\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.html).toContain("1.01");
    expect(r.html).toContain('href="/runs/p/lr0.001-s1/"');
  });

  it("parallel: a row per run over the dims and the metric", async () => {
    const r = await render("kind: parallel\ndims: [config.lr, config.seed]\ny: val/loss\n");
    expect(r.diagnostics).toEqual([]);
    expect(JSON.stringify(r.payload.datasets)).toContain("lr0.01-s3");
  });

  it("importance: ranks the parameter that moves the target above one that does not", async () => {
    const r = await render("kind: importance\ny: val/loss\n");
    expect(r.diagnostics).toEqual([]);
    const items = r.payload.datasets.importance as { key: string; importance: number }[];
    const lr = items.find((i) => i.key === "lr")!;
    const opt = items.find((i) => i.key === "opt")!;
    expect(lr.importance).toBeGreaterThan(opt.importance);
  });

  it("line grouped by lr: one line per group with n in the legend", async () => {
    const r = await render("y: val/loss\ngroup: config.lr\nband: stderr\n");
    expect(r.diagnostics).toEqual([]);
    const names = [...new Set((r.payload.data.series as { name: string }[]).map((s) => s.name))];
    expect(names.sort()).toEqual(["lr=1e-2 (n=3)", "lr=1e-3 (n=3)", "lr=1e-4 (n=3)"]);
    // The legend lists groups by value, not as text, under its field's name.
    const legend = /<div class="rf-legends">.*?<\/div><\/div>/.exec(r.html)![0];
    expect(legend).toContain('<span class="rf-legend-title">lr</span>');
    expect(legend.indexOf("lr=1e-4 (n=3)")).toBeLessThan(legend.indexOf("lr=1e-3 (n=3)"));
    expect(legend.indexOf("lr=1e-3 (n=3)")).toBeLessThan(legend.indexOf("lr=1e-2 (n=3)"));
  });

  it("line grouped: every selected run counts in its group, and max_runs caps the groups drawn", async () => {
    // 9 runs in 3 groups: a cap of 4 runs would have dropped runs from the groups' means.
    const all = await render("y: val/loss\ngroup: config.lr\nmax_runs: 4\n");
    expect(all.diagnostics).toEqual([]);
    expect(all.html).not.toContain("Showing");
    expect([...new Set((all.payload.data.series as { name: string }[]).map((s) => s.name))].sort()).toEqual(["lr=1e-2 (n=3)", "lr=1e-3 (n=3)", "lr=1e-4 (n=3)"]);
    const two = await render("y: val/loss\ngroup: config.lr\nmax_runs: 2\n");
    expect(two.html).toContain("Showing 2 of 3 groups (raise `max_runs` to draw more).");
    expect([...new Set((two.payload.data.series as { name: string }[]).map((s) => s.name))]).toEqual(["lr=1e-4 (n=3)", "lr=1e-3 (n=3)"]);
  });

  it("line: offers every logged point as a CSV the page builds from the runs' JSON, naming the runs and metrics", async () => {
    const fullData = { base: "/b/", sourceHref: (f: string) => `https://forge.example/raw/${f}` };
    const out = await renderBlock(block("y: val/loss\nmax_runs: 4\n"), 2, { ...ctx, fullData });
    expect(out.lineChart?.runIds).toHaveLength(4);
    expect(out.html).toContain(`<p class="rf-chart-full" data-base="/b/" hidden><button type="button" class="rf-chart-button">Every logged point (CSV)</button></p>`);
    const payload = JSON.parse(/<script type="application\/json" class="rf-chart-data">(.*?)<\/script>/.exec(out.html)![1]!) as { full: { runs: string[]; metrics: string[] } };
    expect(payload.full).toEqual({ runs: out.lineChart!.runIds, metrics: ["val/loss"] });
    // without a site to offer it, or with `download: false`, nothing is offered
    expect((await render("y: val/loss\n")).html).not.toContain("Every logged point");
    const off = await renderBlock(block("y: val/loss\ndownload: false\n"), 3, { ...ctx, fullData });
    expect(off.diagnostics).toEqual([]);
    expect(off.html).not.toContain("Every logged point");
    expect(off.html).not.toContain('"full"');
  });

  it("line: links the runs' source files when a run logged more than its JSON holds", async () => {
    const long = new Map([...histories].map(([id, h]) => [id, { ...h, step: Float64Array.from({ length: 1500 }, (_, i) => i), metrics: { "val/loss": Float64Array.from({ length: 1500 }, (_, i) => 1 / (i + 1)) } }]));
    const sourceHref = (f: string) => (f.endsWith("s1.json") ? null : `https://forge.example/raw/${encodeURI(f)}`);
    const longCtx = { ...ctx, readHistory: async (r: Run) => long.get(r.id.replace(/-b$/, ""))!, fullData: { base: "/", sourceHref } };
    const few = await renderBlock(block("y: val/loss\nmax_runs: 2\n"), 4, longCtx);
    const files = runs.slice(0, 2).map((r) => r.source.files.at(-1)!);
    expect(few.html).toContain(`<p class="rf-chart-full">Every logged point is in the runs' source files: ${runs[0]!.name}: <code>${files[0]}</code>, <a href="https://forge.example/raw/${encodeURI(files[1]!)}">${runs[1]!.name}: <code>${files[1]}</code></a>.</p>`);
    expect(few.html).not.toContain('"full"');
    const many = await renderBlock(block("y: val/loss\n"), 5, { ...longCtx, runs: [...runs, ...runs.map((r) => ({ ...r, id: `${r.id}-b` }))] });
    expect(many.html).toContain(`<p class="rf-chart-full">Every logged point is in each run's source files, listed on its run page.</p>`);
  });

  it("line with max_runs says how many were left out", async () => {
    const r = await render("y: val/loss\nmax_runs: 4\n");
    expect(r.html).toContain("Showing 4 of 9 selected runs");
    expect(new Set((r.payload.data.series as { run: string }[]).map((s) => s.run)).size).toBe(4);
  });

  it("keys that do not apply to the kind are errors", async () => {
    const r = await render("kind: histogram\ny: val/loss\nsmooth: 0.5\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["BLOCK015"]);
    expect(r.html).toBe("");
  });

  it("parallel: an axis named twice (also as y) is drawn once", async () => {
    const r = await render("kind: parallel\ndims: [config.lr, val/loss, params.lr]\ny: val/loss\n");
    expect(r.diagnostics).toEqual([]);
    expect((r.payload.datasets.axes as unknown[]).length).toBe(2);
  });

  it("bar: runs that share a name are labelled by id instead of failing", async () => {
    const twins = [makeRun("a/same", { summary: { x: 1 } }), makeRun("b/same", { summary: { x: 2 } })];
    const parsed = parseBlock("chart", { file: "reports/t.md", text: "kind: bar\ny: x\n", firstLine: 1, indent: 0 });
    const out = await renderBlock(parsed.block!, 0, { ...ctx, runs: twins });
    expect(out.diagnostics).toEqual([]);
    expect(out.html).toContain("a/same");
    expect(out.html).toContain("b/same");
  });
});
