import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkProject } from "../../src/check/checkProject.ts";
import { compareDiagnostics, type Diagnostic } from "../../src/core/diagnostics.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import { loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { compileReport } from "../../src/core/report/compileReport.ts";

/**
 * `runfolio check` and the build must agree on every block: check calls `checkProject`,
 * the build compiles each report with `compileReport(…, { render: true })` (src/site/reports.ts).
 * Both go through one function, renderVegaLiteBlock, which runs the whole pipeline (schema,
 * expression rules, vega-lite compile, vega parse and run) whether or not it renders; line charts
 * read their data and find its problems in both.
 */
const fixtureRuns = path.resolve(import.meta.dirname, "../fixtures/broken-reports/runs");
const block = (body: string) => `\`\`\`vega-lite\ndata: { name: runs }\nmark: point\n${body}\`\`\`\n`;
const encoding = "encoding:\n  x: { field: config.seed, type: quantitative }\n";
const calculate = (expr: string) => block(`transform:\n  - calculate: ${JSON.stringify(expr)}\n    as: v\n${encoding}`);

const cases: Record<string, { body: string; code: string | string[] }> = {
  "constructor-call": { body: calculate("datum.constructor.constructor('return 1')()"), code: "BLOCK025" },
  "constructor-computed": { body: calculate("datum['constructor']"), code: "BLOCK025" },
  proto: { body: block(`transform:\n  - filter: "datum.__proto__ != null"\n${encoding}`), code: "BLOCK025" },
  prototype: { body: calculate("datum.name.prototype"), code: "BLOCK025" },
  "unknown-function": { body: calculate("nosuchfn(datum.name)"), code: "BLOCK022" },
  eval: { body: calculate("eval('1 + 1')"), code: "BLOCK022" },
  "window-eval": { body: calculate("window['ev' + 'al']('1')"), code: "BLOCK022" },
  "member-call": { body: calculate("datum.name.toString()"), code: "BLOCK022" },
  "regex-literal": { body: block(`transform:\n  - filter: "test(/(a+)+$/, datum.name)"\n${encoding}`), code: "BLOCK025" },
  regexp: { body: block(`params:\n  - name: p\n    expr: "regexp('(x+x+)+y')"\n${encoding}`), code: "BLOCK025" },
  "replace-regex": { body: calculate("replace(datum.name, /a|a/, 'b')"), code: "BLOCK025" },
  syntax: { body: calculate("datum.config.seed +"), code: "BLOCK022" },
  "condition-test": {
    body: block("encoding:\n  x: { field: config.seed, type: quantitative }\n  color:\n    condition: { test: \"fetch('x')\", value: red }\n    value: blue\n"),
    code: "BLOCK022",
  },
  "schema-invalid": { body: "```vega-lite\ndata: { name: runs }\nmark: nonsense\n```\n", code: "BLOCK022" },
  "huge-sequence": { body: "```vega-lite\ndata:\n  sequence: { start: 0, stop: 1e9 }\nmark: point\n```\n", code: "BLOCK026" },
  "huge-spec": { body: block(`usermeta:\n  notes: ${JSON.stringify("x".repeat(250_000))}\n${encoding}`), code: "BLOCK026" },
  "deep-spec": { body: block(`usermeta: ${"{ a: ".repeat(60)}1${" }".repeat(60)}\n${encoding}`), code: "BLOCK026" },
  // Line charts: problems only the data shows (no wall time to draw on) were build-only before.
  "line-time-axis": { body: "```chart\ny: train/loss\nx: time\n```\n", code: ["BLOCK013", "BLOCK012"] },
};

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "runfolio-vl-"));
  await cp(fixtureRuns, path.join(root, "runs"), { recursive: true });
  await mkdir(path.join(root, "reports"));
  for (const [name, c] of Object.entries(cases)) {
    await writeFile(path.join(root, "reports", `${name}.md`), `---\ntitle: ${name}\n---\n\nText.\n\n${c.body}`);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function buildDiagnostics(): Promise<Diagnostic[]> {
  const { runs } = await loadAllRuns(root);
  const out: Diagnostic[] = [];
  for (const name of Object.keys(cases).sort()) {
    const file = `reports/${name}.md`;
    const report = parseReport(file, await readFile(path.join(root, file), "utf8"));
    const rendered = await compileReport(report, { runs, readHistory: (r) => readHistory(root, r), colors: new Map(), hrefForRun: (id) => `/runs/${id}/`, render: true });
    out.push(...rendered.diagnostics);
  }
  return out.sort(compareDiagnostics);
}

describe("check and build report the same block problems", { timeout: 120_000 }, () => {
  it("gives identical diagnostics (code, message, position) for every bad block", async () => {
    const checked = await checkProject(root);
    const built = await buildDiagnostics();
    expect(checked.diagnostics).toEqual(built);
    for (const [name, c] of Object.entries(cases)) {
      const own = built.filter((d) => d.file === `reports/${name}.md`);
      expect(own.map((d) => d.code), name).toEqual([c.code].flat());
      // Each points into the block (line 7 is its first YAML line), never at the report's top.
      expect(own[0]!.line, name).toBeGreaterThanOrEqual(7);
    }
  });
});
