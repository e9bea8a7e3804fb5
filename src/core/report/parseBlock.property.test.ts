import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, expectWellFormed, mutatedText, oddName, oddNumber, PROPERTY_TIMEOUT, wideCount } from "../../../tests/unit/fuzz/fuzz.ts";
import { parseYamlWithPositions } from "../yaml/parseYamlWithPositions.ts";
import { BLOCK_LANGS } from "../blocks/blockSchemas.ts";
import { parseBlock } from "./parseBlock.ts";

const blockKey = fc.constantFrom("kind", "title", "runs", "x", "y", "group", "band", "smooth", "scale", "columns", "sort", "limit", "height", "spec", "data", "metrics", "yLabel", "legend", "ghost");
const leaf = fc.oneof(oddNumber.map(String), oddName, fc.constantFrom("line", "log", "ema", "stderr", "val/loss", '"quoted: yes"', "'single'", "[a, b]", "{ y: log }", "*anchor", "&a x", "!!binary aGk=", "~", "null", "true", "2024-01-01", "|", ">-", "0x1F", ".inf", "-.NaN"));
/** Block YAML as people write it: key: value lines, flow and block sequences, nested maps. */
const blockYaml: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(fc.oneof(blockKey, oddName), leaf).map(([k, v]) => `${k}: ${v}`),
      fc.tuple(blockKey, fc.array(leaf, { maxLength: 3 })).map(([k, vs]) => `${k}:\n${vs.map((v) => `  - ${v}`).join("\n")}`),
      fc.tuple(blockKey, fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }).filter((s) => /^[a-z]+$/.test(s)), leaf, { maxKeys: 3 })).map(([k, d]) => `${k}:\n${Object.entries(d).map(([a, b]) => `  ${a}: ${b}`).join("\n")}`),
      fc.constant("# a comment"),
    ),
    { maxLength: 6 },
  )
  .map((lines) => lines.join("\n"));

/** Nesting and aliases that explode: deep flow collections and a billion-laughs ladder. */
const hostileYaml = fc.oneof(
  fc.integer({ min: 1, max: 2_000 }).map((d) => `y: ${"[".repeat(d)}${"]".repeat(d)}`),
  fc.integer({ min: 1, max: 500 }).map((d) => `y:\n${Array.from({ length: d }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")} 1`),
  fc.integer({ min: 1, max: 12 }).map((n) => ["a0: &a0 [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`)].join("\n")),
);

/** Long mappings and sequences: many unknown or repeated keys, each a diagnostic to locate. */
const wideYaml = fc.tuple(wideCount, fc.constantFrom("k", "title", "- ")).map(([n, k]) => (k === "- " ? `y:\n${"  - a\n".repeat(n)}` : `y: a\n${Array.from({ length: n }, (_, i) => (k === "k" ? `k${i}: 1` : "title: t")).join("\n")}`));
const anyYaml = fc.oneof({ weight: 6, arbitrary: mutatedText(blockYaml) }, { weight: 1, arbitrary: hostileYaml }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: wideYaml });
const region = fc.record({ firstLine: fc.integer({ min: 1, max: 50 }), indent: fc.integer({ min: 0, max: 4 }) });

describe("parseYamlWithPositions(text) on generated input", () => {
  it(
    "returns a value or errors inside the text, and locates every path it is asked about",
    () => {
      assertProperty(anyYaml, (text) => {
        const y = parseYamlWithPositions(text);
        for (const e of y.errors) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(text.length);
          expect(e.message.length).toBeGreaterThan(0);
        }
        for (const path of [["y"], ["y", 0], ["scale", "y"], ["nope", "deeper"], []]) {
          for (const s of [y.locateKey(path), y.locateValue(path)]) {
            if (s) expect(s.offset >= 0 && s.offset <= text.length && s.length >= 1).toBe(true);
          }
          y.scalarContentOffset(path);
        }
      }, 250);
    },
    PROPERTY_TIMEOUT,
  );
});

describe("parseBlock(lang, region) on generated input", () => {
  it(
    "returns a block or positioned diagnostics, never both, never neither",
    () => {
      assertProperty(fc.tuple(fc.constantFrom(...BLOCK_LANGS), anyYaml, region), ([lang, text, { firstLine, indent }]) => {
        const r = parseBlock(lang, { file: "reports/r.md", text, firstLine, indent });
        expect(r.block === null).toBe(r.diagnostics.length > 0);
        expectWellFormed(r.diagnostics, { file: "reports/r.md", text, firstLine, indent });
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );
});
