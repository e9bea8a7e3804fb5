import { describe, expect, it } from "vitest";
import { parseBlock } from "./parseBlock.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import type { History } from "../run.ts";
import type { BlockContext } from "../blocks/blockTypes.ts";
import { renderBlock } from "./renderBlock.ts";

const runs = [1, 2, 3].map((i) =>
  makeRun(`p/r${i}`, { config: { lr: i / 1000 }, summary: { "val/loss": 3 - i / 2 }, metrics: ["loss"], steps: 2 }),
);
const history: History = { step: Float64Array.of(0, 10), time: null, metrics: { loss: Float64Array.of(2, NaN) } };
const ctx: BlockContext = {
  runs,
  defaultRunSet: null,
  readHistory: async () => history,
  colors: new Map(),
  hrefForRun: (id) => `/runs/${id}/`,
  render: true,
};

async function render(yaml: string) {
  const parsed = parseBlock("vega-lite", { file: "reports/t.md", text: yaml, firstLine: 1, indent: 0 });
  if (!parsed.block) return { html: "", diagnostics: parsed.diagnostics, payload: null };
  const out = await renderBlock(parsed.block, 0, ctx);
  const m = out.html.match(/class="rf-chart-data">([\s\S]*?)<\/script>/);
  return { ...out, payload: m ? JSON.parse(m[1]!) : null };
}

// The first spec compiles the vega-lite JSON schema validator (seconds, more on a busy machine).
describe("renderBlock(vega-lite)", { timeout: 120_000 }, () => {
  it("binds one row per run as `runs`, with nested config and summary fields", async () => {
    const r = await render(
      'title: LR vs loss\ndata: { name: runs }\nmark: point\nencoding:\n  x: { field: config.lr, type: quantitative }\n  y: { field: "summary.val/loss", type: quantitative }\n',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.payload.datasets.runs).toHaveLength(3);
    expect(r.payload.datasets.runs[0].config.lr).toBe(0.001);
    expect(r.html.match(/<path/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(r.payload.datasets.history).toBeUndefined();
    // The title is the figure's caption, once: not drawn again inside the chart.
    expect(r.html.match(/LR vs loss/g)).toHaveLength(1);
    expect(r.html).toContain("<figcaption");
    expect(JSON.stringify(r.payload.spec)).not.toContain("LR vs loss");
  });

  it("binds history in long form without gaps when the spec reads it", async () => {
    const r = await render("data: { name: history }\nmark: line\nencoding:\n  x: { field: step, type: quantitative }\n  y: { field: value, type: quantitative }\n  color: { field: run }\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.payload.datasets.history).toEqual([
      { run: "p/r1", name: "r1", metric: "loss", step: 0, value: 2 },
      { run: "p/r2", name: "r2", metric: "loss", step: 0, value: 2 },
      { run: "p/r3", name: "r3", metric: "loss", step: 0, value: 2 },
    ]);
  });

  it("rejects data from a URL, at its position", async () => {
    const r = await render("data:\n  url: https://example.com/x.json\nmark: point\n");
    expect(r.diagnostics).toMatchObject([{ code: "BLOCK021", line: 2, column: 8 }]);
  });

  it("reports a spec vega-lite cannot compile", async () => {
    const r = await render("data: { name: runs }\nmark: nonsense\n");
    expect(r.diagnostics).toMatchObject([{ code: "BLOCK022", line: 2, column: 7 }]);
    expect(r.diagnostics[0]!.message).toContain("`mark` must be one of");
  });

  it("rejects the href channel, at its key", async () => {
    const r = await render("data: { name: runs }\nmark: point\nencoding:\n  href: { field: name }\n");
    expect(r.diagnostics).toMatchObject([{ code: "BLOCK023", line: 4, column: 3 }]);
  });
});
