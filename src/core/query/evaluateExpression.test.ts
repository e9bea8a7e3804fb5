import { describe, expect, it } from "vitest";
import type { Run } from "../run.ts";
import { evaluateExpression, referencedFields, selectRuns } from "./evaluateExpression.ts";
import { fieldLabel } from "./fieldPath.ts";
import { parseExpression } from "./parseExpression.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";

const runs: Run[] = [
  makeRun("nanogpt/lr-3e-4-seed1", {
    group: "lr-3e-4",
    tags: ["baseline", "sweep"],
    created: "2026-01-15T09:30:00Z",
    duration: 3600,
    notes: "first try",
    git: { branch: "main", dirty: false },
    config: { lr: 3e-4, seed: 1, optimizer: { name: "adamw", betas: [0.9, 0.95] }, "data.path": "/data/a", layers: [4, 8] },
    summary: { "val/loss": 2.5, "eval.acc": 0.61, "val loss (avg)": 2.6, "train/loss": null },
  }),
  makeRun("nanogpt/lr-1e-3-seed1", {
    group: "lr-1e-3",
    tags: ["sweep"],
    state: "crashed",
    created: "2026-01-31T23:59:59+00:00",
    duration: 600,
    config: { lr: 1e-3, seed: "1", optimizer: { name: "sgd" }, data: { path: "/data/nested" } },
    summary: { "val/loss": 3.1, "eval.acc": "0.55" },
  }),
  makeRun("bert/base", {
    created: "2026-02-01T00:30:00+02:00",
    config: { lr: "2e-5", use_amp: true },
    summary: { accuracy: 0.9 },
  }),
];

function select(source: string): string[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.error.message}`);
  return selectRuns(runs, parsed.expr).map((r) => r.id);
}

const A = "nanogpt/lr-3e-4-seed1";
const B = "nanogpt/lr-1e-3-seed1";
const C = "bert/base";

describe("selectRuns(runs, expr)", () => {
  it("returns every run, as a copy, for null", () => {
    const all = selectRuns(runs, null);
    expect(all.map((r) => r.id)).toEqual([A, B, C]);
    expect(all).not.toBe(runs);
  });

  it("applies the design example and keeps input order", () => {
    expect(select('project = "nanogpt" and config.lr >= 1e-4 and tags has "baseline"')).toEqual([A]);
    expect(select('project = "nanogpt" or name = "base"')).toEqual([A, B, C]);
  });

  it("compares numbers, and numbers with numeric strings", () => {
    expect(select("config.lr < 5e-4")).toEqual([A, C]);
    expect(select("config.seed = 1")).toEqual([A, B]);
    expect(select('config.seed = "1"')).toEqual([A, B]);
    expect(select("summary.eval.acc > 0.6")).toEqual([A]);
    expect(select("duration >= 600 and duration < 3600")).toEqual([B]);
  });

  it("compares strings exactly and by code point", () => {
    expect(select('config.optimizer.name = "adamw"')).toEqual([A]);
    expect(select('config.optimizer.name = "AdamW"')).toEqual([]);
    expect(select('group > "lr-1e-3"')).toEqual([A]);
  });

  it("walks nested config first, then falls back to a flat dotted key", () => {
    expect(select('config.data.path = "/data/a"')).toEqual([A]);
    expect(select('config.data.path ~ "^/data"')).toEqual([A, B]);
    expect(select('config.`data.path` = "/data/nested"')).toEqual([]);
    expect(select("config.optimizer.betas.1 = 0.95")).toEqual([A]);
  });

  it("looks up metric names containing / and . and backticked names", () => {
    expect(select("summary.val/loss < 3")).toEqual([A]);
    expect(select("metrics.val/loss >= 3")).toEqual([B]);
    expect(select("summary.`val loss (avg)` = 2.6")).toEqual([A]);
    expect(select("params.use_amp = true")).toEqual([C]);
  });

  it("makes every comparison on a missing field false, so not(...) is true", () => {
    expect(select("summary.accuracy > 0")).toEqual([C]);
    expect(select("summary.accuracy != 0.5")).toEqual([C]);
    expect(select("not (summary.accuracy > 1)")).toEqual([A, B, C]);
    expect(select("not summary.accuracy != 0.5")).toEqual([A, B]);
    expect(select("config.use_amp not in [false]")).toEqual([C]);
    expect(select('notes !~ "x"')).toEqual([A, B, C]);
  });

  it("treats null as a value: = null and != null, never ordered", () => {
    expect(select("group = null")).toEqual([C]);
    expect(select("group != null")).toEqual([A, B]);
    expect(select("summary.train/loss = null")).toEqual([A]);
    expect(select("summary.train/loss < 100")).toEqual([]);
    expect(select("summary.train/loss != 1")).toEqual([A]);
  });

  it("matches regexes against strings and list items, verbatim", () => {
    expect(select(String.raw`name ~ "^lr-\d+e-\d"`)).toEqual([A, B]);
    expect(select('name ~ "SEED"')).toEqual([]);
    expect(select('tags ~ "^base"')).toEqual([A]);
    expect(select('tags !~ "^base"')).toEqual([B, C]);
    expect(select('id ~ "^bert/"')).toEqual([C]);
  });

  it("tests membership with in / not in, and inside lists", () => {
    expect(select('state in ["crashed", "failed"]')).toEqual([B]);
    expect(select('state not in ["crashed", "failed"]')).toEqual([A, C]);
    expect(select('group in ["lr-1e-3", null]')).toEqual([B, C]);
    expect(select('tags in ["sweep"]')).toEqual([A, B]);
    expect(select("config.lr in [3e-4, 2e-5]")).toEqual([A, C]);
  });

  it("tests tags with has, in both forms", () => {
    expect(select('tags has "sweep"')).toEqual([A, B]);
    expect(select('not has "baseline"')).toEqual([B, C]);
    expect(select("config.layers has 8")).toEqual([A]);
    expect(select("config.lr has 8")).toEqual([]);
  });

  it("compares created as a UTC date at the literal's precision", () => {
    expect(select('created >= "2026-01-01"')).toEqual([A, B, C]);
    expect(select('created < "2026-02"')).toEqual([A, B, C]);
    expect(select('created = "2026-01"')).toEqual([A, B, C]);
    expect(select('created = "2026-01-15"')).toEqual([A]);
    expect(select('created > "2026-01-31"')).toEqual([]);
    expect(select('created <= "2026-01-31T23:59"')).toEqual([A, B, C]);
    expect(select('created >= "2026-01-15T11:30+02:00"')).toEqual([A, B, C]);
    expect(select('created > "2026-01-15T11:30+02:00"')).toEqual([B, C]);
    expect(select('created in ["2026-01-15", "2026-02-01"]')).toEqual([A]);
    expect(select('created ~ "^2026-02"')).toEqual([C]);
  });

  it("reads git fields; a run without git has none", () => {
    expect(select('git.branch = "main"')).toEqual([A]);
    expect(select('git.branch != "main"')).toEqual([]);
    expect(select("git.dirty = false")).toEqual([A]);
  });
});

describe("evaluateExpression(expr, run)", () => {
  it("returns a boolean for one run", () => {
    const parsed = parseExpression("config.lr > 1e-4 and not state = \"crashed\"");
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(runs.map((r) => evaluateExpression(parsed.expr, r))).toEqual([true, false, false]);
  });
});

describe("referencedFields(expr)", () => {
  it("lists each field once, canonical, in source order", () => {
    const parsed = parseExpression('summary.val/loss < 3 and (params.lr > 1 or config.lr < 0) and has "x" and not name ~ "a"');
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(referencedFields(parsed.expr).map(fieldLabel)).toEqual(["summary.val/loss", "config.lr", "tags", "name"]);
  });
});

describe("a `~` condition in parentheses", () => {
  it("matches as it does without them, and `not` takes its complement", () => {
    expect(select('(name ~ "^lr-")')).toEqual(["nanogpt/lr-3e-4-seed1", "nanogpt/lr-1e-3-seed1"]);
    expect(select('not (name ~ "^lr-")')).toEqual(["bert/base"]);
    expect(select('((group ~ "1e-3"))')).toEqual(["nanogpt/lr-1e-3-seed1"]);
  });
});
