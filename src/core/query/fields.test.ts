import { describe, expect, it } from "vitest";
import { toOwnRecords } from "../ownRecord.ts";
import type { Run } from "../run.ts";
import {
  configLeaves,
  configValueAt,
  fieldLabel,
  fieldLabelsOfRuns,
  fieldsOfRuns,
  flattenConfig,
  IDENTITY_FIELDS,
  shortLabel,
} from "./fields.ts";
import { getField, parseFieldPath } from "./fieldPath.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";

/** A run whose config and summary are parsed as run files are: objects without a prototype. */
function run(id: string, over: { config?: string; summary?: string; git?: Run["git"] } = {}): Run {
  return makeRun(id, {
    config: toOwnRecords(JSON.parse(over.config ?? "{}")) as Record<string, unknown>,
    summary: toOwnRecords(JSON.parse(over.summary ?? "{}")) as Run["summary"],
    git: over.git ?? null,
  });
}

const labels = (paths: readonly { root: string; keys: readonly string[] }[]) => paths.map((p) => fieldLabel(p as Parameters<typeof fieldLabel>[0]));

describe("fieldsOfRuns(runs)", () => {
  it("lists scalar config leaves by path, nested keys walked, sorted by label", () => {
    const r = run("p/a", { config: '{"seed": 1, "optimizer": {"lr": 0.1, "name": "adam", "betas": {"b1": 0.9}}, "amp": true, "note": null}' });
    expect(labels(fieldsOfRuns([r]).config)).toEqual(["config.amp", "config.note", "config.optimizer.betas.b1", "config.optimizer.lr", "config.optimizer.name", "config.seed"]);
  });

  it("treats a list as one leaf, whatever it holds", () => {
    const r = run("p/a", { config: '{"layers": [64, {"units": 32}], "empty": []}' });
    const f = fieldsOfRuns([r]);
    expect(labels(f.config)).toEqual(["config.empty", "config.layers"]);
    expect(configLeaves(r.config)).toEqual([
      { keys: ["layers"], value: [64, { units: 32 }] },
      { keys: ["empty"], value: [] },
    ]);
  });

  it("treats an empty object as a leaf, as getField finds it", () => {
    const r = run("p/a", { config: '{"kwargs": {}, "model": {"extra": {}, "depth": 2}}' });
    expect(labels(fieldsOfRuns([r]).config)).toEqual(["config.kwargs", "config.model.depth", "config.model.extra"]);
    for (const path of fieldsOfRuns([r]).config) expect(getField(r, path)).not.toBeUndefined();
    expect(getField(r, fieldsOfRuns([r]).config[0]!)).toEqual({});
  });

  it("lists every path each run has once, and a key that is a leaf in one run and a tree in another both ways", () => {
    const a = run("p/a", { config: '{"opt": "sgd", "lr": 1}' });
    const b = run("p/b", { config: '{"opt": {"name": "adam"}, "lr": 2}' });
    expect(labels(fieldsOfRuns([a, b]).config)).toEqual(["config.lr", "config.opt", "config.opt.name"]);
    expect(configValueAt(b.config, ["opt"])).toEqual({ name: "adam" });
    expect(configValueAt(a.config, ["opt", "name"])).toBeUndefined();
  });

  it("lists summary metrics with their canonical labels", () => {
    const r = run("p/a", { summary: '{"val/loss": 0.5, "train.acc": 0.9, "val loss": 1, "b`q": 2}' });
    expect(labels(fieldsOfRuns([r]).summary)).toEqual(["summary.`b\\`q`", "summary.`val loss`", "summary.train.acc", "summary.val/loss"]);
    for (const label of labels(fieldsOfRuns([r]).summary)) {
      const parsed = parseFieldPath(label);
      expect(parsed.ok && getField(r, parsed.path)).not.toBeUndefined();
    }
  });

  it("lists a git key when some run has it, in the order of the run format", () => {
    const a = run("p/a", { git: { branch: "main", commit: "abc" } });
    const b = run("p/b", { git: { dirty: false } });
    const c = run("p/c");
    expect(labels(fieldsOfRuns([a, b, c]).git)).toEqual(["git.commit", "git.branch", "git.dirty"]);
    expect(fieldsOfRuns([c]).git).toEqual([]);
  });

  it("keeps keys named __proto__, constructor and prototype as ordinary fields", () => {
    const r = run("p/a", {
      config: '{"__proto__": {"polluted": 1}, "constructor": 2, "nest": {"prototype": {}, "toString": "x"}}',
      summary: '{"__proto__": 0.5, "hasOwnProperty": 1}',
    });
    const f = fieldsOfRuns([r]);
    expect(labels(f.config)).toEqual(["config.__proto__.polluted", "config.constructor", "config.nest.prototype", "config.nest.toString"]);
    expect(labels(f.summary)).toEqual(["summary.__proto__", "summary.hasOwnProperty"]);
    const flat = flattenConfig(r.config);
    expect(Object.getPrototypeOf(flat)).toBeNull();
    expect(Object.keys(flat)).toEqual(["__proto__.polluted", "constructor", "nest.prototype", "nest.toString"]);
    expect(flat["constructor"]).toBe(2);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("finds no inherited member for a key a run does not have", () => {
    const r = run("p/a", { config: '{"a": 1}' });
    expect(configValueAt(r.config, ["toString"])).toBeUndefined();
    expect(configValueAt(r.config, ["a", "constructor"])).toBeUndefined();
    expect(fieldsOfRuns([makeRun("p/b", { config: { x: {} } })]).config.map((p) => p.keys)).toEqual([["x"]]);
  });

  it("sorts paths by code point: an astral letter after a fullwidth one", () => {
    // U+1D49C (surrogates D835 DC9C) sorts before U+FF5A in UTF-16 order, after it by code point.
    const r = run("p/a", { config: '{"\\ud835\\udc9c": 1, "\\uff5a": 2, "Z": 3, "a": 4}' });
    expect(fieldsOfRuns([r]).config.map((p) => p.keys[0])).toEqual(["Z", "a", "\uFF5A", "\u{1D49C}"]);
  });
});

describe("flattenConfig(config)", () => {
  it("joins key paths with dots and keeps lists and empty objects as values", () => {
    const r = run("p/a", { config: '{"opt": {"lr": 0.1, "betas": [0.9, 0.99]}, "kw": {}}' });
    const flat = flattenConfig(r.config);
    expect(Object.keys(flat)).toEqual(["opt.lr", "opt.betas", "kw"]);
    expect(flat["opt.betas"]).toEqual([0.9, 0.99]);
    expect(flat["kw"]).toEqual({});
  });
});

describe("field labels", () => {
  it("lists identity fields, then git, config and summary fields for did-you-mean", () => {
    const r = run("p/a", { config: '{"opt": {"lr": 1}}', summary: '{"loss": 1}', git: { commit: "abc" } });
    expect(fieldLabelsOfRuns([r])).toEqual([...IDENTITY_FIELDS, "git.commit", "config.opt.lr", "summary.loss"]);
  });

  it("names every identity field so that it parses as a field path", () => {
    for (const f of IDENTITY_FIELDS) expect(parseFieldPath(f)).toEqual({ ok: true, path: { root: f, keys: [] } });
  });

  it("drops the config/summary root for a short label, keeping backticks for odd keys", () => {
    expect(shortLabel({ root: "config", keys: ["optimizer", "lr"] })).toBe("optimizer.lr");
    expect(shortLabel({ root: "summary", keys: ["val loss"] })).toBe("`val loss`");
    expect(shortLabel({ root: "git", keys: ["commit"] })).toBe("git.commit");
    expect(shortLabel({ root: "state", keys: [] })).toBe("state");
  });
});
