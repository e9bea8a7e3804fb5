import { describe, expect, it } from "vitest";
import { parameterImportance, pearson, type ImportanceRow } from "./importance.ts";
import { mulberry32 } from "./random.ts";

function sweep(n: number, seed = 42): ImportanceRow[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const a = random();
    const b = random();
    return { config: { a, b, optimizer: i % 2 ? "adam" : "sgd", epochs: 10 }, target: 3 * a + 0.05 * (random() - 0.5) };
  });
}

describe("parameterImportance(rows, options)", () => {
  it("finds the key that drives the target: a ≫ b, and a correlates positively", () => {
    const result = parameterImportance(sweep(60));
    const a = result.find((r) => r.key === "a")!;
    const b = result.find((r) => r.key === "b")!;
    expect(result[0]!.key).toBe("a");
    expect(a.importance).toBeGreaterThan(0.8);
    expect(a.importance).toBeGreaterThan(10 * b.importance);
    expect(a.correlation).toBeGreaterThan(0.99);
    expect(Math.abs(b.correlation!)).toBeLessThan(0.4);
    expect(a.n).toBe(60);
  });

  it("gives a negative correlation for a decreasing relation and null for categorical keys", () => {
    const rows = sweep(40).map((r) => ({ ...r, target: -r.target }));
    const result = parameterImportance(rows, { trees: 30 });
    expect(result.find((r) => r.key === "a")!.correlation).toBeLessThan(-0.99);
    expect(result.find((r) => r.key === "optimizer")!.correlation).toBeNull();
  });

  it("normalises importances to sum 1, all ≥ 0, constant keys 0 and last", () => {
    const result = parameterImportance(sweep(40), { trees: 30 });
    const sum = result.reduce((s, r) => s + r.importance, 0);
    expect(sum).toBeCloseTo(1, 12);
    for (const r of result) expect(r.importance).toBeGreaterThanOrEqual(0);
    expect(result.at(-1)).toEqual({ key: "epochs", correlation: null, importance: 0, n: 40 });
    for (let i = 1; i < result.length - 1; i++) expect(result[i - 1]!.importance).toBeGreaterThanOrEqual(result[i]!.importance);
  });

  it("explains a categorical key (ordinal-encoded) and a key that is only sometimes set", () => {
    const random = mulberry32(3);
    const rows: ImportanceRow[] = Array.from({ length: 48 }, (_, i) => {
      const optimizer = ["adam", "adamw", "sgd"][i % 3]!;
      return {
        config: { optimizer, noise: random(), ...(i % 4 === 0 ? { warmup: 100 } : {}) },
        target: (optimizer === "sgd" ? 2 : 0) + (i % 4 === 0 ? -1 : 0) + 0.01 * random(),
      };
    });
    const result = parameterImportance(rows, { trees: 60 });
    expect(result.map((r) => r.key).slice(0, 2).sort()).toEqual(["optimizer", "warmup"]);
    expect(result.find((r) => r.key === "warmup")!.n).toBe(12);
    expect(result.find((r) => r.key === "noise")!.importance).toBeLessThan(0.05);
  });

  it("is deterministic for a seed (and the seed matters)", () => {
    const rows = sweep(30);
    const a = parameterImportance(rows, { seed: 7, trees: 20 });
    expect(parameterImportance(rows, { seed: 7, trees: 20 })).toEqual(a);
    expect(parameterImportance(rows, { seed: 8, trees: 20 })).not.toEqual(a);
  });

  it("skips rows with a non-finite target and copes with too few rows", () => {
    expect(parameterImportance([])).toEqual([]);
    const two = parameterImportance([
      { config: { a: 1 }, target: 1 },
      { config: { a: 2 }, target: 2 },
      { config: { a: 3 }, target: NaN },
    ]);
    expect(two).toEqual([{ key: "a", correlation: null, importance: 0, n: 2 }]);
  });
});

describe("pearson(x, y)", () => {
  it("is ±1 for exact lines and null when undefined", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2], [1, 2])).toBeNull();
  });
});
