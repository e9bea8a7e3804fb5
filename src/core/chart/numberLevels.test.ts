import { describe, expect, it } from "vitest";
import { formatNumberLevels } from "./numberLevels.ts";

describe("formatNumberLevels(values)", () => {
  it("writes every value with an exponent when one needs it", () => {
    expect([...formatNumberLevels([1e-4, 3e-4, 0.001, 0.003]).values()]).toEqual(["1e-4", "3e-4", "1e-3", "3e-3"]);
    expect(formatNumberLevels([0, 2.5e-5]).get(0)).toBe("0");
    expect(formatNumberLevels([1.2346e-5, 0.01]).get(1.2346e-5)).toBe("1.235e-5");
  });
  it("keeps plain notation when none needs an exponent", () => {
    expect([...formatNumberLevels([0.001, 0.01, 0.1, 1]).values()]).toEqual(["0.001", "0.01", "0.1", "1"]);
    expect([...formatNumberLevels([1, 2, 3]).values()]).toEqual(["1", "2", "3"]);
  });
});
