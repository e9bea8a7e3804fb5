import { describe, expect, it } from "vitest";
import { csvRow, csvRowsWith } from "./csvRow.ts";

describe("csvRow(cells) and csvRowsWith(prefix)", () => {
  it("quotes as csvCell does and ends each row with a newline", () => {
    expect(csvRow(["run", 'a "b", c', 1.5, null, -2])).toBe('run,"a ""b"", c",1.5,,-2\n');
    expect(csvRow(["=SUM(A1)"])).toBe(`"'=SUM(A1)"\n`);
  });

  it("writes the same row with a shared prefix", () => {
    const row = csvRowsWith(["r1", "my, run", "val/loss"]);
    expect(row([3, null, 0.25])).toBe('r1,"my, run",val/loss,3,,0.25\n');
    expect(row([3, null, 0.25])).toBe(csvRow(["r1", "my, run", "val/loss", 3, null, 0.25]));
    expect(csvRowsWith([])([1, 2])).toBe("1,2\n");
    expect(row([])).toBe('r1,"my, run",val/loss\n');
  });
});
