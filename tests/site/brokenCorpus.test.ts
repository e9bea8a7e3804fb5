import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/commands/check.ts";
import { formatDiagnostic } from "../../src/core/diagnostics.ts";
import { parseReport } from "../../src/core/report/parseReport.ts";
import { loadAllRuns, readHistory } from "../../src/core/runs/loadRuns.ts";
import { compileReport } from "../../src/core/report/compileReport.ts";
import {
  assembleBrokenReports,
  assembleBrokenRuns,
  buildOutputDiagnostics,
  checkOutputDiagnostics,
  type CorpusCase,
} from "../helpers/brokenCorpus.ts";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";

/**
 * `runfolio check` and `astro build` give the same verdict on every case of the broken-input
 * corpora. Not one build per case (each takes 20–60 s on two cores): the cases are assembled into
 * two data roots — the broken run trees in one, the broken reports with their runs in the other
 * (run cases' runs would change what the reports select) — and each root is checked once and
 * built once. Both must list exactly the same diagnostics and fail; each diagnostic then goes
 * back to its case, which must produce exactly its expected file.
 */
const artifacts = path.join(repoRoot, "test-artifacts/broken-corpus");

interface Verdict {
  code: number;
  diagnostics: string[];
  output: string;
}

async function check(root: string): Promise<Verdict> {
  let stdout = "";
  let stderr = "";
  const code = await checkCommand(["--root", root], { cwd: repoRoot, env: {}, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  expect(stderr).toBe("");
  return { code, diagnostics: checkOutputDiagnostics(stdout), output: stdout };
}

async function build(root: string, name: string): Promise<Verdict> {
  const result = await buildSite({ dataDir: root, outDir: path.join(artifacts, `${name}-out`), cacheDir: path.join(artifacts, `${name}-cache`) });
  return { code: result.code, diagnostics: buildOutputDiagnostics(result.output), output: result.output };
}

const sorted = (list: readonly string[]) => [...list].sort();

/** A formatted diagnostic's file, line, column and code, for the order `compareDiagnostics` gives. */
function byPosition(a: string, b: string): number {
  const key = (d: string) => {
    const m = /^(.*?):(\d+):(\d+): \w+ (\w+):/.exec(d)!;
    return { file: m[1]!, line: Number(m[2]), column: Number(m[3]), code: m[4]! };
  };
  const x = key(a);
  const y = key(b);
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  return x.line - y.line || x.column - y.column || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0);
}
const errorsIn = (list: readonly string[]) => list.filter((d) => /^\S.*:\d+:\d+: error /.test(d)).length;

describe("the broken-input corpus", () => {
  let tmp: string;
  const roots: { name: "runs" | "reports"; dir: string; cases: CorpusCase[]; check?: Verdict; build?: Verdict }[] = [];

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "runfolio-corpus-"));
    for (const name of ["runs", "reports"] as const) {
      // Each root one level down: what a case puts outside its data root goes beside it.
      const dir = path.join(tmp, name, "root");
      const cases = name === "runs" ? await assembleBrokenRuns(dir) : await assembleBrokenReports(dir);
      roots.push({ name, dir, cases });
    }
    // One after the other: each build takes both cores.
    for (const root of roots) {
      root.check = await check(root.dir);
      root.build = await build(root.dir, root.name);
    }
  }, 600_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("has at least 80 cases", () => {
    expect(roots.reduce((n, r) => n + r.cases.length, 0)).toBeGreaterThanOrEqual(80);
  });

  for (const name of ["runs", "reports"] as const) {
    describe(`the ${name} corpus in one root`, () => {
      const root = () => roots.find((r) => r.name === name)!;

      it("fails both `runfolio check` and `astro build`", () => {
        const { check, build } = root();
        expect(check!.code).toBe(1);
        expect(build!.code, build!.output).not.toBe(0);
        const errors = errorsIn(check!.diagnostics);
        expect(errors).toBeGreaterThan(0);
        expect(check!.output).toContain(`runfolio check: ${errors} error${errors === 1 ? "" : "s"}, `);
      });

      it("lists exactly the same diagnostics in check and build (position, code, message, excerpt, hint)", () => {
        const { check, build } = root();
        expect(check!.diagnostics.length).toBeGreaterThan(0);
        expect(sorted(build!.diagnostics)).toEqual(sorted(check!.diagnostics));
      });

      it("gives every diagnostic to one case, and every case exactly its expected diagnostics", () => {
        const { check, cases } = root();
        const byCase = new Map<string, string[]>(cases.map((c) => [c.name, []]));
        for (const d of check!.diagnostics) {
          const owners = cases.flatMap((c) => {
            const own = c.own(d);
            return own === null ? [] : [{ c, own }];
          });
          expect(owners.map((o) => o.c.name), `owner of ${d}`).toHaveLength(1);
          byCase.get(owners[0]!.c.name)!.push(owners[0]!.own);
        }
        for (const c of cases) {
          // Back in the case's own paths, in the order check sorts diagnostics.
          const own = byCase.get(c.name)!.sort(byPosition);
          expect(own.length, `${c.name} contributes no diagnostic`).toBeGreaterThan(0);
          // Every case fails the check, except run files that are only ignored with a warning.
          if (c.expected.includes(": error ")) expect(errorsIn(own), c.name).toBeGreaterThan(0);
          expect(`${own.join("\n")}\n`, c.name).toBe(c.expected);
        }
      });
    });
  }

  it("finds, in the build's page pass (rendering), exactly what check found in every report", async () => {
    const root = roots.find((r) => r.name === "reports")!;
    const { runs } = await loadAllRuns(root.dir);
    for (const c of root.cases) {
      const file = `reports/${c.name}.md`;
      const report = parseReport(file, await readFile(path.join(root.dir, file), "utf8"));
      const rendered = await compileReport(report, {
        runs,
        readHistory: (r) => readHistory(root.dir, r),
        colors: new Map(),
        hrefForRun: (id) => `/runs/${id}/`,
        render: true,
      });
      const fromCheck = root.check!.diagnostics.filter((d) => d.startsWith(`${file}:`));
      expect(rendered.diagnostics.map(formatDiagnostic), c.name).toEqual(fromCheck);
    }
  }, 300_000);
});
