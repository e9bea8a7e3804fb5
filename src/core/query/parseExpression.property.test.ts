import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty, CATALOG_CODES, mutatedText, oddNumber, PROPERTY_TIMEOUT } from "../../../tests/unit/fuzz/fuzz.ts";
import type { ExpressionError } from "./ast.ts";
import { evaluateExpression, referencedFields, selectRuns } from "./evaluateExpression.ts";
import { parseExpression } from "./parseExpression.ts";
import { makeRun } from "../../../tests/helpers/testRuns.ts";
import { tokenize } from "./tokenize.ts";

const field = fc.constantFrom("name", "group", "state", "tags", "created", "project", "steps", "config.lr", "config.optimizer.lr", "params.lr", "summary.val/loss", "metrics.acc", "summary.loss", "`config.weird key`", "config.`a b`", "nope", "config.", "summary..x");
const literal = fc.oneof(
  oddNumber.map((n) => String(n)),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"finished"', '"running"', '"2024-05-01"', '"2024-05-01T12:30:00Z"', "null", "true", "false", '"a\\"b"', "'single'", "1e999", "-0", "0x10", '"\\u00e9"'),
);
const condition = fc.oneof(
  fc.tuple(field, fc.constantFrom("=", "==", "!=", "<", "<=", ">", ">="), literal).map((p) => p.join(" ")),
  fc.tuple(field, fc.constantFrom("in", "not in"), fc.array(literal, { maxLength: 3 })).map(([f, op, ls]) => `${f} ${op} [${ls.join(", ")}]`),
  fc.tuple(field, fc.constantFrom("~", "!~"), fc.constantFrom('"^lr-"', '"a|b"', '"["', '"(?i)x"', '"\\\\d+"', '""')).map((p) => p.join(" ")),
  fc.tuple(fc.constantFrom("tags", "config.list"), literal).map(([f, l]) => `${f} has ${l}`),
);
const expression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    condition,
    fc.tuple(tie("expr"), fc.constantFrom(" and ", " or ", " && ", " || "), tie("expr")).map(([a, op, b]) => a + op + b),
    tie("expr").map((e) => `not ${e}`),
    tie("expr").map((e) => `(${e})`),
  ),
})).expr;

/** Long and deep expressions: a long chain of `and`, a tall tower of parentheses or `not`. */
const longExpression = fc.oneof(
  fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 300 }) }, { weight: 1, arbitrary: fc.constant(20_000) }).map((n) => Array(n).fill('name = "a"').join(" and ")),
  fc.integer({ min: 1, max: 1_000 }).map((n) => `${"(".repeat(n)}name = "a"${")".repeat(n)}`),
  fc.integer({ min: 1, max: 1_000 }).map((n) => `${"not ".repeat(n)}name = "a"`),
  fc.integer({ min: 1, max: 1_000 }).map((n) => `name in [${Array(n).fill('"a"').join(",")}]`),
);

const runs = [
  makeRun("p/lr-1", { tags: ["baseline", "x"], config: { lr: 0.1, optimizer: { lr: 1 }, list: [1, "a"], "weird key": true }, summary: { "val/loss": 0.5, acc: null }, created: "2024-05-01T12:30:00.000Z" }),
  makeRun("p/lr-2", { state: "crashed", group: "g", config: { lr: "1e-3" }, summary: { loss: Infinity as unknown as number } }),
  makeRun("q/empty"),
];

function expectErrorInside(error: ExpressionError, source: string): void {
  expect(CATALOG_CODES.has(error.code), error.code).toBe(true);
  expect(error.message.trim().length).toBeGreaterThan(0);
  expect(error.offset).toBeGreaterThanOrEqual(0);
  expect(error.offset).toBeLessThanOrEqual(source.length);
  expect(error.length).toBeGreaterThanOrEqual(0);
  expect(error.offset + error.length).toBeLessThanOrEqual(source.length + 1);
}

const anyExpression = fc.oneof({ weight: 6, arbitrary: mutatedText(expression) }, { weight: 1, arbitrary: longExpression }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

describe("tokenize(source), parseExpression(source) and evaluation on generated input", () => {
  it(
    "tokenize returns tokens or one positioned error from the catalog",
    () => {
      assertProperty(anyExpression, (source) => {
        const t = tokenize(source);
        if (!t.ok) expectErrorInside(t.error, source);
        else for (const tok of t.tokens) expect(tok.start >= 0 && tok.end <= source.length && tok.start <= tok.end).toBe(true);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "parseExpression returns an expression or one positioned error; an expression evaluates on any run",
    () => {
      assertProperty(anyExpression, (source) => {
        const r = parseExpression(source);
        if (!r.ok) return expectErrorInside(r.error, source);
        const selected = selectRuns(runs, r.expr);
        expect(selected.every((run) => runs.includes(run))).toBe(true);
        for (const run of runs) expect(typeof evaluateExpression(r.expr, run)).toBe("boolean");
        expect(referencedFields(r.expr).length).toBeGreaterThan(0);
      }, 300);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "not (e) selects exactly the runs e leaves out",
    () => {
      assertProperty(expression, (source) => {
        const r = parseExpression(source);
        const n = parseExpression(`not (${source})`);
        if (!r.ok) return;
        expect(n.ok).toBe(true);
        if (!n.ok) return;
        const picked = new Set(selectRuns(runs, r.expr));
        expect(selectRuns(runs, n.expr)).toEqual(runs.filter((run) => !picked.has(run)));
      }, 200);
    },
    PROPERTY_TIMEOUT,
  );
});
