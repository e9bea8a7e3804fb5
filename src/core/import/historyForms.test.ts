import { describe, expect, it } from "vitest";
import { parseHistoryFile } from "../runs/compactHistory.ts";
import { parseHistoryCsv } from "../runs/parseHistoryCsv.ts";
import type { ImportedHistory } from "./importedRun.ts";
import { historyParquet } from "./historyForms.ts";
import { historyCsv } from "./writeRunFolder.ts";

describe("historyParquet(history)", () => {
  it("keeps -0 and 0 apart, whichever comes first (found by the fuzz run)", async () => {
    const history: ImportedHistory = {
      metrics: ["a", "b"],
      rows: [
        { step: 0, time: null, values: { a: -0, b: 0 } },
        { step: 1, time: null, values: { a: 0, b: -0 } },
        { step: 2, time: null, values: { a: null, b: 0 } },
      ],
    };
    const bytes = historyParquet(history);
    const parquet = await parseHistoryFile("r/history.parquet", Buffer.from(bytes), (path, b) => ({ path, bytes: b, text: "" }));
    const csv = parseHistoryCsv({ path: "r/history.csv", text: historyCsv(history) });
    const signs = (h: typeof csv.history) => Object.fromEntries(Object.entries(h!.metrics).map(([m, s]) => [m, Array.from(s, (v) => (Object.is(v, -0) ? "-0" : String(v)))]));
    expect(signs(parquet!.history)).toEqual({ a: ["-0", "0", "NaN"], b: ["0", "-0", "0"] });
    expect(signs(parquet!.history)).toEqual(signs(csv.history));
  });
});
