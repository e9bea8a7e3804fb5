import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "./buildSite.ts";

/**
 * The broken-input corpora (`tests/fixtures/broken-runs/<case>/` and
 * `tests/fixtures/broken-reports/cases/<case>.md`) assembled into data roots that one `runfolio
 * check` and one `astro build` each can take whole, and the way back from a diagnostic to its case.
 */
export const brokenRunsDir = path.join(repoRoot, "tests/fixtures/broken-runs");
export const brokenReportsDir = path.join(repoRoot, "tests/fixtures/broken-reports");

export interface CorpusCase {
  corpus: "runs" | "reports";
  name: string;
  /** The exact formatted diagnostics the case must produce. */
  expected: string;
  /** A formatted diagnostic of the assembled root → the case's own, or null when it is not this case's. */
  own: (formatted: string) => string | null;
}

/**
 * What a checkout cannot carry (symbolic links, names that are not UTF-8, files beside the data
 * root), as a broken-runs case describes it in `setup.json` (see src/core/runs/brokenRuns.test.ts).
 */
interface CaseSetup {
  links?: Record<string, string>;
  files?: Record<string, string>;
  latin1Names?: Record<string, string>;
  outside?: Record<string, string>;
}

/**
 * Every broken-runs case in one root: each top-level entry `E` of a case's `runs/` becomes
 * `runs/<case>--E` (a hidden `.E` becomes `.<case>--E`, so it stays hidden), so each case keeps
 * its own projects (run ids never collide) and a file that a case puts directly under `runs/`
 * stays there. Taking `<case>--` out of a diagnostic gives the case's own text back. Files a case
 * puts outside its data root go beside this root, so links leaving it still leave it.
 */
/** What the site itself publishes directly under runs/ (src/pages/runs/). */
const SITE_FILES_UNDER_RUNS = new Set(["index.html"]);

export async function assembleBrokenRuns(root: string): Promise<CorpusCase[]> {
  const names = (await readdir(brokenRunsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  await mkdir(path.join(root, "runs"), { recursive: true });
  const cases: CorpusCase[] = [];
  const claimed = new Map<string, string>();
  for (const name of names) {
    const prefix = `${name}--`;
    // A folder named like one of the site's own files under runs/ (the explorer's index.html)
    // is what such a case is about: it keeps its name, and its diagnostics are the case's.
    const moved = (entry: string) =>
      SITE_FILES_UNDER_RUNS.has(entry) ? entry : entry.startsWith(".") ? `.${prefix}${entry.slice(1)}` : `${prefix}${entry}`;
    // `runs/p/a.json` → `runs/<case>--p/a.json`
    const place = (file: string) => {
      const [top, first, ...rest] = file.split("/");
      return top === "runs" && first ? path.join(root, "runs", moved(first), ...rest) : path.join(root, file);
    };
    const runs = path.join(brokenRunsDir, name, "runs");
    const verbatim = (existsSync(runs) ? await readdir(runs) : []).filter((e) => SITE_FILES_UNDER_RUNS.has(e));
    for (const entry of verbatim) {
      if (claimed.has(entry)) throw new Error(`broken-runs cases ${claimed.get(entry)} and ${name} both need runs/${entry}: only one can`);
      claimed.set(entry, name);
    }
    for (const entry of existsSync(runs) ? await readdir(runs) : []) {
      await cp(path.join(runs, entry), place(`runs/${entry}`), { recursive: true, verbatimSymlinks: true });
    }
    const setupFile = path.join(brokenRunsDir, name, "setup.json");
    if (existsSync(setupFile)) {
      const setup = JSON.parse(await readFile(setupFile, "utf8")) as CaseSetup;
      const write = async (file: string | Buffer, content: string) => {
        const dir = typeof file === "string" ? path.dirname(file) : file.subarray(0, file.lastIndexOf("/"));
        await mkdir(dir, { recursive: true });
        await writeFile(file, content);
      };
      for (const [file, content] of Object.entries(setup.outside ?? {})) await write(path.join(root, "..", file), content);
      for (const [file, content] of Object.entries(setup.files ?? {})) await write(place(file), content);
      for (const [file, content] of Object.entries(setup.latin1Names ?? {})) await write(Buffer.from(place(file), "latin1"), content);
      for (const [file, target] of Object.entries(setup.links ?? {})) {
        await mkdir(path.dirname(place(file)), { recursive: true });
        await symlink(target, place(file));
      }
    }
    cases.push({
      corpus: "runs",
      name,
      expected: await readFile(path.join(brokenRunsDir, name, "expected.txt"), "utf8"),
      own: (d) =>
        d.startsWith(`runs/${prefix}`) || d.startsWith(`runs/.${prefix}`) || verbatim.some((e) => d.startsWith(`runs/${e}/`))
          ? d.split(prefix).join("")
          : null,
    });
  }
  return cases;
}

/**
 * Every broken report in one root, each as its own `reports/<case>.md`, beside the runs the
 * corpus's reports are written against. Reports are checked one by one, so they never interact;
 * their runs stay apart from the broken-runs cases, whose runs would change what the reports select.
 */
export async function assembleBrokenReports(root: string): Promise<CorpusCase[]> {
  const casesDir = path.join(brokenReportsDir, "cases");
  const files = (await readdir(casesDir)).filter((f) => f.endsWith(".md")).sort();
  await cp(path.join(brokenReportsDir, "runs"), path.join(root, "runs"), { recursive: true, verbatimSymlinks: true });
  await mkdir(path.join(root, "reports"), { recursive: true });
  const cases: CorpusCase[] = [];
  for (const file of files) {
    await cp(path.join(casesDir, file), path.join(root, "reports", file));
    const name = file.replace(/\.md$/, "");
    cases.push({
      corpus: "reports",
      name,
      expected: await readFile(path.join(casesDir, `${name}.expected.txt`), "utf8"),
      own: (d) => (d.startsWith(`reports/${file}:`) ? d : null),
    });
  }
  return cases;
}

const DIAGNOSTIC = /^\S.*:\d+:\d+: (?:error|warning) [A-Z]+\d+: /;

/** `runfolio check` output → each formatted diagnostic (header, excerpt and hint lines); the count line is left out. */
export function checkOutputDiagnostics(stdout: string): string[] {
  return stdout.split("\n\n").filter((block) => DIAGNOSTIC.test(block));
}

/**
 * `astro build` output → each diagnostic the runfolio integration logged, as `formatDiagnostic`
 * wrote it: the logger puts `HH:MM:SS [ERROR] [runfolio] ` before its first line; the excerpt
 * and hint lines that follow are indented and carry no prefix.
 */
export function buildOutputDiagnostics(output: string): string[] {
  const found: string[] = [];
  let current: string[] | null = null;
  const end = () => {
    if (current) found.push(current.join("\n"));
    current = null;
  };
  for (const line of output.split("\n")) {
    const logged = /\[(?:ERROR|WARN)\] \[runfolio\] (.*)$/.exec(line);
    if (logged) {
      end();
      if (DIAGNOSTIC.test(logged[1]!)) current = [logged[1]!];
    } else if (current && line.startsWith("  ")) current.push(line);
    else end();
  }
  end();
  return found;
}
