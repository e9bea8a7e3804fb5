import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chartMarkup, scriptOnlyClasses, tableMarkup } from "../../src/core/render/markup.ts";
import { compareMarkup, configMarkup, explorerMarkup, scriptOnlyPageClasses, searchMarkup } from "../../src/core/render/pageMarkup.ts";
import { mediaMarkup, scriptOnlyMediaClasses } from "../../src/core/media/mediaMarkup.ts";
import { rowsMarkup } from "../../src/core/render/rowsMarkup.ts";

// CSS cannot import the contract, so a renamed class would silently lose its styling: every
// class name in the contract must appear in a stylesheet, or be marked as used by scripts only.
const contracts = { chartMarkup, tableMarkup, explorerMarkup, compareMarkup, searchMarkup, configMarkup, mediaMarkup, rowsMarkup };

function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".css"))
    .map((e) => join(e.parentPath, e.name));
}

function contractClasses(): { where: string; name: string }[] {
  return Object.entries(contracts).flatMap(([where, contract]) =>
    Object.entries(contract)
      .filter(([key, value]) => !key.endsWith("Id") && !value.startsWith("data-"))
      .map(([key, name]) => ({ where: `${where}.${key}`, name })),
  );
}

const styled = new Set(
  stylesheets("src").flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!)),
);
const scriptOnly = new Set([...scriptOnlyClasses, ...scriptOnlyPageClasses, ...scriptOnlyMediaClasses]);

describe("the markup contract and the stylesheets", () => {
  it("finds the stylesheets and the contract's classes", () => {
    expect(stylesheets("src").length).toBeGreaterThanOrEqual(5);
    expect(contractClasses().length).toBeGreaterThan(40);
    expect(styled.has("rf-table")).toBe(true);
  });

  it("styles every class of the contract that is not marked script-only", () => {
    const unstyled = contractClasses().filter((c) => !styled.has(c.name) && !scriptOnly.has(c.name));
    expect(unstyled).toEqual([]);
  });

  it("marks as script-only only classes of the contract that no stylesheet styles", () => {
    const names = new Set(contractClasses().map((c) => c.name));
    expect([...scriptOnly].filter((name) => !names.has(name))).toEqual([]);
    expect([...scriptOnly].filter((name) => styled.has(name))).toEqual([]);
  });

  it("gives each class, id and attribute one meaning per contract", () => {
    for (const contract of Object.values(contracts)) {
      const values = Object.values(contract);
      const ids = Object.entries(contract).filter(([k]) => k.endsWith("Id")).map(([, v]) => v);
      expect(new Set(ids).size).toBe(ids.length);
      expect(values.every((v) => /^[a-z][a-z0-9-]*$/.test(v))).toBe(true);
    }
  });
});
