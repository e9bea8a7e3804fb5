import { describe, expect, it } from "vitest";
import { howNamesCollide, nameKey, nameProblem, visibleName } from "./fileNames.ts";

describe("nameProblem(name)", () => {
  it.each(["lr-3e-4-seed1", "a b", "it's", "amp&x", "eq=1,2;3", "at@(x)[y]", "bang!~$", "-dash", "Läufe-日本語-🚀", "cafe\u0301", "x".repeat(250), "é".repeat(125)])(
    "accepts %j",
    (name) => {
      expect(nameProblem(name)).toBeNull();
    },
  );

  it.each([
    ["", "empty"],
    ["..", "parent"],
    ["a#1", "'#'"],
    ["100%", "'%'"],
    ["what?", "'?'"],
    ["back\\slash", "'\\'"],
    ["12:30", "':'"],
    ['say"hi"', `'"'`],
    ["a|b", "'|'"],
    ["tab\tname", "U+0009"],
    ["del\u007f", "U+007F"],
    ["x.", "ends with"],
    ["x ", "ends with"],
    ["CON", "reserved"],
    ["lpt1.json", "reserved"],
    ["x".repeat(251), "251 bytes"],
    ["é".repeat(126), "252 bytes"],
    ["\ud800x", "surrogate"],
  ])("rejects %j (%s)", (name, reason) => {
    expect(nameProblem(name)).toContain(reason);
  });
});

describe("nameKey(name) / howNamesCollide(a, b)", () => {
  it("is the same for names one file on macOS or Windows", () => {
    expect(nameKey("Run.JSON")).toBe(nameKey("run.json"));
    expect(nameKey("caf\u00e9")).toBe(nameKey("cafe\u0301"));
    expect(nameKey("CAFE\u0301")).toBe(nameKey("caf\u00e9"));
    expect(nameKey("run-1")).not.toBe(nameKey("run_1"));
    expect(howNamesCollide("caf\u00e9", "cafe\u0301")).toContain("NFC / NFD");
    expect(howNamesCollide("Run", "run")).toContain("upper and lower case");
  });
});

describe("visibleName(name)", () => {
  it("escapes control characters only", () => {
    expect(visibleName("a\u0001b\u001b[31m\u0085é")).toBe("a\\u0001b\\u001b[31m\\u0085é");
  });
});
