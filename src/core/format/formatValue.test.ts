import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatNumber, formatValue, GAP, formatChartNumber } from "./formatValue.ts";

describe("formatNumber(n)", () => {
  it("keeps small integers as written and groups large ones", () => {
    expect(formatNumber(42)).toBe("42");
    expect(formatNumber(5000)).toBe("5000");
    expect(formatNumber(125000)).toBe("125,000");
    expect(formatNumber(-125000)).toBe("-125,000");
  });
  it("writes learning rates and other tiny values in exponent form", () => {
    expect(formatNumber(3e-4)).toBe("3e-4");
    expect(formatNumber(0.000123456)).toBe("1.235e-4");
    expect(formatNumber(2.5e9 + 0.5)).toBe("2.5e9");
  });
  it("uses four significant digits otherwise, without trailing zeros", () => {
    expect(formatNumber(3.14159)).toBe("3.142");
    expect(formatNumber(0.5)).toBe("0.5");
    expect(formatNumber(0.91234)).toBe("0.9123");
  });
  it("shows gaps as a dash, never zero", () => {
    expect(formatNumber(NaN)).toBe(GAP);
    expect(formatNumber(Infinity)).toBe(GAP);
    expect(formatValue(null)).toBe(GAP);
  });
});

describe("formatValue(v)", () => {
  it("formats booleans, strings and lists", () => {
    expect(formatValue(true)).toBe("true");
    expect(formatValue("adamw")).toBe("adamw");
    expect(formatValue([0.9, 0.95])).toBe("[0.9, 0.95]");
  });
});

describe("formatDateTime / formatDuration", () => {
  it("prints UTC regardless of the machine's zone", () => {
    expect(formatDateTime("2026-03-04T05:06:07+02:00")).toBe("2026-03-04 03:06 UTC");
    expect(formatDateTime(null)).toBe(GAP);
  });
  it("prints durations at a useful grain", () => {
    expect(formatDuration(12.34)).toBe("12.3s");
    expect(formatDuration(250)).toBe("4m 10s");
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3h 05m");
    expect(formatDuration(50 * 3600)).toBe("2d 02h");
    expect(formatDuration(null)).toBe(GAP);
  });
});

describe("formatChartNumber", () => {
  it("keeps up to 6 significant digits, integers exact and grouped, exponents at the extremes", () => {
    expect(formatChartNumber(0.30693)).toBe("0.30693");
    expect(formatChartNumber(0.306931234)).toBe("0.306931");
    expect(formatChartNumber(2.124)).toBe("2.124");
    expect(formatChartNumber(41200)).toBe("41,200");
    expect(formatChartNumber(12345.678)).toBe("12,345.7");
    expect(formatChartNumber(-98765.4321)).toBe("-98,765.4");
    expect(formatChartNumber(999)).toBe("999");
    expect(formatChartNumber(1234567.8)).toBe("1,234,570");
    expect(formatChartNumber(-987654321.5)).toBe("-987,654,000");
    expect(formatChartNumber(3.333e-13)).toBe("3.333e-13");
    expect(formatChartNumber(2.5e12 + 0.5)).toBe("2.5e12");
    expect(formatChartNumber(0)).toBe("0");
    expect(formatChartNumber(NaN)).toBe(GAP);
  });
});
