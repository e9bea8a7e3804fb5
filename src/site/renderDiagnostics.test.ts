import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../core/diagnostics.ts";
import { clearRenderDiagnostics, recordRenderDiagnostics, takeRenderDiagnostics } from "./renderDiagnostics.ts";

const diag = (code: string, severity: Diagnostic["severity"] = "error"): Diagnostic => ({
  file: "reports/a.md",
  line: 3,
  column: 2,
  severity,
  code,
  message: `message of ${code}: "quoted"\nsecond line`,
  hint: "a hint",
});

describe("recordRenderDiagnostics(file, list) and takeRenderDiagnostics(file)", () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "runfolio-render-diags-"));
    file = path.join(dir, "cache", "render-diagnostics.jsonl");
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("hands every recorded diagnostic back, in order, then removes the file", async () => {
    await clearRenderDiagnostics(file);
    recordRenderDiagnostics(file, [diag("BLOCK009"), diag("RUN003", "warning")]);
    recordRenderDiagnostics(file, []);
    recordRenderDiagnostics(file, [diag("EXPR007")]);
    expect(await takeRenderDiagnostics(file)).toEqual([diag("BLOCK009"), diag("RUN003", "warning"), diag("EXPR007")]);
    expect(await readdir(path.dirname(file))).toEqual([]);
    expect(await takeRenderDiagnostics(file)).toEqual([]);
  });

  it("forgets what an earlier build left when cleared", async () => {
    await clearRenderDiagnostics(file);
    recordRenderDiagnostics(file, [diag("BLOCK009")]);
    await clearRenderDiagnostics(file);
    recordRenderDiagnostics(file, [diag("EXPR007")]);
    expect(await takeRenderDiagnostics(file)).toEqual([diag("EXPR007")]);
  });

  it("writes nothing without a file (the dev server) or without diagnostics", async () => {
    await clearRenderDiagnostics(file);
    recordRenderDiagnostics(null, [diag("BLOCK009")]);
    recordRenderDiagnostics(file, []);
    expect(await readdir(path.dirname(file))).toEqual([]);
    expect(await takeRenderDiagnostics(file)).toEqual([]);
  });
});
