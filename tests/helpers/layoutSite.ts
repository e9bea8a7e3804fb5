import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeSyntheticRuns } from "../../bench/synthetic.ts";

const LONG = "a-run-name-without-a-single-space-that-goes-on-and-on-".repeat(3);

/**
 * A generated site for the layout check: 200 runs of one project (`bench/synthetic.ts`), a few runs
 * whose name, group, tags, config keys and metric names are one long unbroken word, and a report
 * that puts all of them in a grouped chart, a wide runs table and a compare block.
 */
export async function writeLayoutSite(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
  await writeSyntheticRuns(root, { project: "sweep", runs: 200, steps: 300, metrics: 4 });
  const dir = path.join(root, "runs", "long-names");
  await mkdir(dir, { recursive: true });
  const metric = `train/${"loss_of_the_auxiliary_head_".repeat(3)}total`;
  for (const k of [1, 2]) {
    const steps = Array.from({ length: 50 }, (_, s) => s * 10);
    const history = { step: steps, [metric]: steps.map((s) => 3 / (s / 10 + k)), "val/loss": steps.map((s) => 4 / (s / 10 + 2 * k)) };
    await writeFile(
      path.join(dir, `${"long-".repeat(12)}${k}.json`),
      JSON.stringify({
        name: `${LONG}${k}`,
        group: `group-${LONG}`,
        tags: [`tag-${"x".repeat(120)}`, "short"],
        state: "finished",
        duration: 1234.5 * k,
        config: { [`optimizer_settings_${"nested_".repeat(10)}lr`]: 0.001 * k, [`description_${k}`]: "y".repeat(300), seed: k },
        history,
      }),
    );
  }
  await mkdir(path.join(root, "reports"), { recursive: true });
  const report = [
    "---",
    "title: Two hundred runs and some very long names",
    'runs: project = "sweep"',
    "---",
    "",
    "A sweep of 200 runs, generated for the layout check.",
    "",
    "```chart",
    "title: Validation loss by learning rate",
    "y: val/loss",
    "group: config.lr",
    "```",
    "",
    "```runs",
    "title: Every run of the sweep",
    "columns: [name, group, config.lr, config.seed, summary.train/loss, summary.val/loss, summary.metric_2, summary.metric_3, { sparkline: val/loss }]",
    "sort: summary.val/loss",
    "```",
    "",
    "```runs",
    "title: Runs with long names",
    'runs: project = "long-names"',
    `columns: [name, group, tags, summary.val/loss, summary.${metric}]`,
    `sort: -summary.${metric}`,
    "```",
    "",
    "```chart",
    "title: Runs with long names",
    'runs: project = "long-names"',
    `y: ${metric}`,
    "```",
    "",
    "```compare",
    'runs: project = "long-names"',
    "```",
    "",
  ].join("\n");
  await writeFile(path.join(root, "reports", "two-hundred.md"), report);
}
