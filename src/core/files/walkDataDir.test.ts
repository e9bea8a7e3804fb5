import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../diagnostics.ts";
import { clearRunCaches, loadAllRuns } from "../runs/loadRuns.ts";
import { readReportFiles } from "./readReportFiles.ts";
import { walkDataDir } from "./walkDataDir.ts";

const RUN = '{"history": {"step": [0, 1], "loss": [1, 0.5]}}\n';
const REPORT = "---\ntitle: A\n---\ntext\n";
let temp: string;
let root: string;

function put(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}
function link(file: string, target: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  symlinkSync(target, path.join(root, file));
}

beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), "runfolio-walk-"));
  root = path.join(temp, "site");
  mkdirSync(root);
  clearRunCaches();
});
afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe("walkDataDir(root, dir, options)", () => {
  it("follows links that stay inside the data root, to files and to folders", async () => {
    put("runs/p/a.json", RUN);
    put("shared/b.json", RUN);
    link("runs/p/alias.json", "a.json");
    link("runs/q", "../shared");
    const { files, problems } = await walkDataDir(root, "runs", { wanted: (n) => n.endsWith(".json") });
    expect(files).toEqual(["runs/p/a.json", "runs/p/alias.json", "runs/q/b.json"]);
    expect(problems).toEqual([]);
    expect((await loadAllRuns(root)).runs.map((r) => r.id)).toEqual(["p/a", "p/alias", "q/b"]);
  });

  it("never reads through a link that leaves the data root, nor follows a loop, and ends", async () => {
    writeFileSync(path.join(temp, "secret.csv"), "step,loss\n0,1\n");
    put("runs/p/r/run.json", "{}");
    link("runs/p/r/history.csv", "../../../../secret.csv");
    link("runs/p/abs.json", path.join(temp, "secret.csv"));
    put("runs/p/ok.json", RUN);
    link("runs/p/selfdir", ".");
    link("runs/p/s1", ".");
    link("runs/p/s2", ".");
    const { files, problems } = await walkDataDir(root, "runs", { wanted: (n) => /\.(json|csv)$/.test(n) });
    expect(files).toEqual(["runs/p/ok.json", "runs/p/r/run.json"]);
    expect(problems.map((p) => `${p.kind} ${p.path}`)).toEqual([
      "outside runs/p/abs.json",
      "outside runs/p/r/history.csv",
      "loop runs/p/s1",
      "loop runs/p/s2",
      "loop runs/p/selfdir",
    ]);
    const loaded = await loadAllRuns(root);
    // No phantom runs (p/selfdir/ok, p/s1/s2/ok, …): exactly the two real ones.
    expect(loaded.runs.map((r) => r.id)).toEqual(["p/ok", "p/r"]);
    expect(loaded.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([
      "runs/p/abs.json RUN033",
      "runs/p/r/history.csv RUN033",
      "runs/p/s1 RUN034",
      "runs/p/s2 RUN034",
      "runs/p/selfdir RUN034",
    ]);
  });

  it("reports a runs folder that is itself a link outside the root, or a loop", async () => {
    mkdirSync(path.join(temp, "elsewhere/p"), { recursive: true });
    writeFileSync(path.join(temp, "elsewhere/p/x.json"), RUN);
    link("runs", "../elsewhere");
    expect((await walkDataDir(root, "runs", { wanted: () => true })).problems).toEqual([{ kind: "outside", path: "runs", target: "../elsewhere" }]);
    unlinkSync(path.join(root, "runs"));
    link("runs", ".");
    expect((await walkDataDir(root, "runs", { wanted: () => true })).problems).toEqual([{ kind: "loop", path: "runs", target: "." }]);
  });

  it("has nothing to say about a missing folder, or links to files it would not read", async () => {
    expect(await walkDataDir(root, "runs", { wanted: () => true })).toEqual({ files: [], problems: [] });
    writeFileSync(path.join(temp, "notes.md"), "x");
    link("runs/p/README.md", "../../../notes.md");
    link("runs/p/gone.txt", "nothing");
    expect(await walkDataDir(root, "runs", { wanted: (n) => n.endsWith(".json") })).toEqual({ files: [], problems: [] });
  });

  it("does not open a named pipe with a run file's name (reading it would wait forever)", async () => {
    put("runs/p/ok.json", RUN);
    execFileSync("mkfifo", [path.join(root, "runs/p/pipe.json")]);
    const loaded = await loadAllRuns(root);
    expect(loaded.runs.map((r) => r.id)).toEqual(["p/ok"]);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual(["runs/p/pipe.json:1:1: error RUN028: cannot read file: not a regular file (a named pipe, socket or device)"]);
  }, 30_000);

  it("loads a run whose name is in Unicode NFD, alone, under its own id", async () => {
    put("runs/p/cafe\u0301.json", RUN);
    const loaded = await loadAllRuns(root);
    expect(loaded.runs.map((r) => r.id)).toEqual(["p/cafe\u0301"]);
    expect(loaded.diagnostics).toEqual([]);
  });
});

describe("readReportFiles(root)", () => {
  it("reads reports/*.md and names every report it does not read", async () => {
    writeFileSync(path.join(temp, "outside.md"), REPORT);
    put("reports/ok.md", REPORT);
    put("reports/drafts/later.md", REPORT);
    put("reports/.draft.md", REPORT);
    put("reports/.DS_Store", "x");
    link("reports/leak.md", "../../outside.md");
    link("reports/inside.md", "ok.md");
    put("reports/wide.md", "");
    writeFileSync(path.join(root, "reports/wide.md"), Buffer.from(`\uFEFF${REPORT}`, "utf16le"));
    put("reports/latin1.md", "");
    writeFileSync(path.join(root, "reports/latin1.md"), Buffer.from("---\ntitle: Caf\u00e9\n---\n", "latin1"));
    const { reports, diagnostics } = await readReportFiles(root);
    expect(reports.map((r) => r.file)).toEqual(["reports/inside.md", "reports/ok.md"]);
    expect(reports[1]!.text).toBe(REPORT);
    expect(diagnostics.map(formatDiagnostic).map((s) => s.split("\n")[0])).toEqual([
      'reports/.draft.md:1:1: warning REPORT011: hidden file (its name starts with ".") is not read',
      "reports/drafts/later.md:1:1: warning REPORT011: report in a sub-folder of reports/ is not read",
      "reports/latin1.md:2:11: error REPORT012: file is not UTF-8 text: found byte 0xE9, which looks like Latin-1 / Windows-1252 text (\"é\")",
      'reports/leak.md:1:1: error REPORT011: symbolic link to "../../outside.md" leads outside the data root (the folder holding runs/ and reports/); it is not read',
      "reports/wide.md:1:1: error REPORT012: file is not UTF-8 text: found the byte order mark FF FE, which looks like UTF-16 LE",
    ]);
  });
});
