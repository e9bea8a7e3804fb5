import { describe, expect, it } from "vitest";
import { formatBytes, formatCell, formatRelative, formatSignificant, newestCreated } from "./formatCell.ts";
import { aggregateValues, formatAggregate } from "./aggregate.ts";
import { bestRows } from "./highlight.ts";

describe("formatSignificant(n, digits)", () => {
  it("shows exactly the significant digits asked for", () => {
    expect(formatSignificant(0.5, 3)).toBe("0.500");
    expect(formatSignificant(95.123, 3)).toBe("95.1");
    expect(formatSignificant(0.0123456, 2)).toBe("0.012");
    expect(formatSignificant(123456, 3)).toBe("123,000");
    expect(formatSignificant(9.996, 3)).toBe("10.0");
    expect(formatSignificant(-1.23456, 2)).toBe("-1.2");
    expect(formatSignificant(3e-4, 2)).toBe("3.0e-4");
    expect(formatSignificant(0, 2)).toBe("0.0");
    expect(formatSignificant(Number.NaN, 2)).toBe("—");
  });
});

describe("formatCell(key, format, raw, ctx)", () => {
  const ctx = { newest: Date.parse("2026-01-20T12:00:00Z") };
  it("keeps the automatic formats by field", () => {
    expect(formatCell("created", { kind: "auto" }, "2026-01-05T14:03:24Z", ctx)).toBe("2026-01-05 14:03 UTC");
    expect(formatCell("duration", { kind: "auto" }, 1680.3, ctx)).toBe("28m 00s");
    expect(formatCell("tags", { kind: "auto" }, ["a", "b"], ctx)).toBe("a, b");
    expect(formatCell("summary.x", { kind: "auto" }, 0.91234, ctx)).toBe("0.9123");
    expect(formatCell("summary.x", { kind: "auto" }, null, ctx)).toBe("—");
  });
  it("formats numbers, percents, durations, bytes and relative times", () => {
    expect(formatCell("summary.x", { kind: "number", digits: 2 }, 2.9512, ctx)).toBe("3.0");
    expect(formatCell("summary.val/acc", { kind: "percent" }, 0.9537, ctx)).toBe("95.37");
    expect(formatCell("summary.val/acc", { kind: "percent", digits: 3 }, 0.9537, ctx)).toBe("95.4");
    expect(formatCell("duration", { kind: "duration" }, 3 * 3600 + 300, ctx)).toBe("3h 05m");
    expect(formatCell("summary.mem", { kind: "bytes" }, 1536, ctx)).toBe("1.50 KiB");
    expect(formatCell("created", { kind: "relative" }, "2026-01-17T11:00:00Z", ctx)).toBe("3 days earlier");
    expect(formatCell("created", { kind: "relative" }, "2026-01-20T12:00:00Z", ctx)).toBe("newest");
  });
  it("shows text values as they are under a numeric format", () => {
    expect(formatCell("config.x", { kind: "percent" }, "n/a", ctx)).toBe("n/a");
  });
});

describe("format helpers", () => {
  it("formatBytes uses binary units", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.00 GiB");
    expect(formatBytes(1.5 * 1024 ** 2, 2)).toBe("1.5 MiB");
  });
  it("formatRelative picks the largest whole unit", () => {
    expect(formatRelative(59)).toBe("59 seconds earlier");
    expect(formatRelative(3600)).toBe("1 hour earlier");
    expect(formatRelative(8 * 86400)).toBe("1 week earlier");
    expect(formatRelative(400 * 86400)).toBe("1 year earlier");
  });
  it("newestCreated ignores gaps and bad dates", () => {
    expect(newestCreated([null, "2026-01-02T00:00:00Z", "nope", "2026-01-01T00:00:00Z"])).toBe(Date.parse("2026-01-02T00:00:00Z"));
    expect(newestCreated([null])).toBeNull();
  });
});

describe("aggregateValues(values) and formatAggregate", () => {
  it("takes finite numbers only: mean, sample std and n", () => {
    const a = aggregateValues([1, 2, 3, null, Number.NaN, "x"])!;
    expect(a).toEqual({ mean: 2, std: 1, n: 3 });
    expect(formatAggregate(a, { kind: "auto" })).toBe("2 ± 1");
    expect(formatAggregate({ mean: 0.95, std: 0.0012, n: 2 }, { kind: "percent" })).toBe("95 ± 0.12");
  });
  it("has no std for one value and nothing for none", () => {
    expect(aggregateValues([5])).toEqual({ mean: 5, std: null, n: 1 });
    expect(formatAggregate({ mean: 5, std: null, n: 1 }, { kind: "auto" })).toBe("5");
    expect(aggregateValues([null, undefined])).toBeNull();
  });
});

describe("bestRows(values, direction)", () => {
  it("marks every row holding the best finite number", () => {
    expect([...bestRows([3, 1, null, 1, Number.NaN], "min")]).toEqual([1, 3]);
    expect([...bestRows([3, 1, "9", 4], "max")]).toEqual([3]);
    expect(bestRows([null, "a"], "max").size).toBe(0);
  });
});
