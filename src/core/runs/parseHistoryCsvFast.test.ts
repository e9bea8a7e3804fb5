import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { describe, expect, it } from "vitest";
import { parseHistoryCsvFull } from "./parseHistoryCsv.ts";
import { parseHistoryCsvFast } from "./parseHistoryCsvFast.ts";

const repo = path.resolve(import.meta.dirname, "../../..");
const real = path.resolve(repo, "../shared/fixtures/real");

/**
 * The fast path must give exactly the full parser's result, or step aside (null); from the file's
 * bytes exactly what it gives from the text.
 */
function agree(p: string, text: string): "fast" | "full" {
  const fast = parseHistoryCsvFast({ path: p, text });
  const bytes = new TextEncoder().encode(text);
  expect(parseHistoryCsvFast({ path: p, text, bytes }), `${p} from bytes`).toEqual(fast);
  if (fast === null) return "full";
  expect(fast, p).toEqual(parseHistoryCsvFull({ path: p, text }));
  return "fast";
}

describe("parseHistoryCsvFast(file)", () => {
  it.each([
    ["plain", "step,loss\n0,2.5\n1,2\n", "fast"],
    ["CRLF, gaps, tokens, exponents", "step,time,a,b\r\n0,1.5e9,1,\r\n10,1.6e9,nan,-Inf\r\n20,1.7e9,-2.5e-3,4\r\n", "fast"],
    ["no step column, no final newline", "a,b\n1,2\n3,4", "fast"],
    ["17-digit floats", "step,x\n0,0.12345678901234568\n1,-1234567890.1234567\n", "fast"],
    ["quotes", 'step,"a"\n0,1\n', "full"],
    ["text cell", "step,a\n0,oops\n", "full"],
    ["empty step", "step,a\n,1\n", "full"],
    ["decreasing step", "step,a\n5,1\n4,2\n", "full"],
    ["column with no values", "step,a,b\n0,1,\n1,2,\n", "full"],
    ["ragged row", "step,a\n0,1,2\n", "full"],
    ["too few cells", "step,a\n0\n", "full"],
    ["blank line", "step,a\n0,1\n\n1,2\n", "full"],
    ["spaces", "step,a\n0, 1\n", "full"],
    ["non-ASCII header", "step,Δloss\n0,1\n1,2\n", "fast"],
    ["byte order mark", "\uFEFFstep,a\n0,1\n", "fast"],
    ["non-ASCII cell", "step,a\n0,1\n1,2é\n", "full"],
    ["last line ends in CR", "step,a\n0,1\n1,2\r", "full"],
    ["empty last cell without a newline", "step,a,b\n0,1,2\n1,2,", "fast"],
    ["16 significant digits", "step,a\n0,1234567890123456\n1,999999999999999.5\n", "fast"],
  ])("%s", (_name, text, path) => {
    expect(agree("runs/p/a/history.csv", text)).toBe(path);
  });

  it("agrees with the full parser on every CSV in the repository and the real fixtures", async () => {
    const files = [
      ...(await fg("runs/**/*.csv", { cwd: repo, absolute: true })),
      ...(await fg("tests/fixtures/**/*.csv", { cwd: repo, absolute: true })),
      ...(await fg("**/*.{csv,tsv,log}", { cwd: real, absolute: true }).catch(() => [])),
    ];
    let fast = 0;
    for (const f of files) if (agree(f, readFileSync(f, "utf8")) === "fast") fast++;
    expect(files.length).toBeGreaterThan(20);
    expect(fast).toBeGreaterThan(10);
  });
});
