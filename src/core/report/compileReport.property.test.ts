import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { expectPristinePrototype, expectWellFormed, fuzzParameters, mutatedText, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import { parseReport } from "./parseReport.ts";
import type { Run } from "../run.ts";
import { loadAllRuns, readHistory } from "../runs/loadRuns.ts";
import { compileReport } from "./compileReport.ts";

const root = path.resolve(import.meta.dirname, "../../../tests/fixtures/broken-reports");

const blockBody = fc.constantFrom(
  "y: train/loss",
  "y: [train/loss, val/loss]\nruns: tags has \"baseline\"",
  "kind: scatter\nx: config.optimizer.lr\ny: summary.val/loss",
  "kind: bar\ny: summary.train/loss\ngroup: config.seed",
  "columns: [name, config.seed, summary.val/loss]\nsort: -summary.val/loss",
  "runs: name in [\"base-a\", \"base-b\"]",
  "y: train/loss\nsmooth: { kind: ema, weight: 0.6 }\nscale: { y: log }",
  "$schema: x\nmark: point\nencoding: { x: { field: step } }",
  "y: nope",
);
const block = fc.tuple(fc.constantFrom("chart", "runs", "compare", "vega-lite", "python", ""), blockBody, fc.constantFrom("", "  ", "- ", "> ")).map(([lang, body, indent]) =>
  [`${indent}\`\`\`${lang}`, ...body.split("\n").map((l) => `${indent === "- " ? "  " : indent}${l}`), `${indent === "- " ? "  " : indent}\`\`\``].join("\n"),
);
const report = fc
  .tuple(fc.constantFrom("title: T", 'title: T\nruns: tags has "baseline"', "title: T\nauthors: [a, b]", "title: [x"), fc.array(fc.oneof(block, fc.constantFrom("Text.", "## Head", "", "<div>html</div>", "~~~chart\ny: x\n~~~")), { maxLength: 4 }))
  .map(([fm, parts]) => `---\n${fm}\n---\n\n${parts.join("\n\n")}\n`);

describe("compileReport(report, ctx) on generated reports", () => {
  let runs: Run[] = [];
  beforeAll(async () => {
    runs = (await loadAllRuns(root)).runs;
  });

  it(
    "renders HTML and positioned diagnostics for any report",
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedText(report), async (source) => {
          const parsed = parseReport("reports/r.md", source);
          const out = await compileReport(parsed, { runs, readHistory: (r) => readHistory(root, r), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: false });
          expect(typeof out.html).toBe("string");
          expectWellFormed(out.diagnostics, { file: "reports/r.md", text: source.replace(/^\ufeff/, "") });
          expectPristinePrototype();
        }),
        fuzzParameters(30),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
