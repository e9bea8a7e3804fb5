import { parseBlock } from "../../src/core/report/parseBlock.ts";
import { makeRun } from "./testRuns.ts";
import { renderBlock, type BlockContext } from "../../src/core/report/renderBlock.ts";
import type { History, Run } from "../../src/core/run.ts";

/** Nine runs (lr × seed) with `val/loss` as summary and a three-step history; for kind tests. */
export const sweepRuns: Run[] = [1e-4, 1e-3, 1e-2].flatMap((lr) =>
  [1, 2, 3].map((seed) =>
    makeRun(`p/lr${lr}-s${seed}`, { config: { lr, seed }, summary: { "val/loss": lr * 100 + seed / 100 }, metrics: ["val/loss"], steps: 3 }),
  ),
);

const history = (run: Run): History => {
  const last = run.summary["val/loss"] as number;
  return { step: Float64Array.of(0, 10, 20), time: null, metrics: { "val/loss": Float64Array.of(last + 2, last + 1, last) } };
};

export const testContext = (runs: Run[] = sweepRuns): BlockContext => ({
  runs,
  defaultRunSet: null,
  readHistory: async (r) => history(r),
  colors: new Map(runs.map((r, i) => [r.id, `#00000${i}`])),
  hrefForRun: (id) => `/runs/${id}/`,
  render: true,
});

/** The codes of a chart block's schema diagnostics (empty when the YAML passes). */
export function schemaCodes(yaml: string): string[] {
  return parseBlock("chart", { file: "reports/t.md", text: yaml, firstLine: 1, indent: 0 }).diagnostics.map((d) => d.code);
}

/** A valid chart block rendered against `runs`: its diagnostics, HTML and the page's payload. */
export async function renderChart(yaml: string, runs: Run[] = sweepRuns, extra: Partial<BlockContext> = {}) {
  const parsed = parseBlock("chart", { file: "reports/t.md", text: yaml, firstLine: 1, indent: 0 });
  if (!parsed.block) throw new Error(parsed.diagnostics.map((d) => d.message).join("\n"));
  const out = await renderBlock(parsed.block, 0, { ...testContext(runs), ...extra });
  const m = out.html.match(/<script type="application\/json" class="rf-chart-data">([\s\S]*?)<\/script>/);
  return { ...out, payload: m ? JSON.parse(m[1]!) : null };
}
