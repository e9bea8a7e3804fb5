import { describe, expect, it } from "vitest";
import { makeRun } from "../../../../tests/helpers/testRuns.ts";
import { parseReport } from "../parseReport.ts";
import { reportRunSets } from "../reportRunSets.ts";
import { factMessages } from "./factMessages.ts";
import { namedRunIdWarnings } from "./namedRunIds.ts";

const runs = [makeRun("p/a"), makeRun("p/b")];

async function warnings(frontRuns: string) {
  const report = parseReport("reports/r.md", `---\ntitle: R\nruns: ${frontRuns}\n---\n\n\`\`\`runs\ncolumns: [name]\n\`\`\`\n`);
  const sources = (await reportRunSets(report, runs)).sources;
  return sources.flatMap((s) => namedRunIdWarnings(s, runs));
}

describe("namedRunIdWarnings(source, runs)", () => {
  it("warns at each id no run has, under and, or and not, in source order", async () => {
    const found = await warnings('id = "p/a" or not (id = "p/c" and id in ["p/b", "p/d"])');
    expect(found.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ["REPORT034", 3, 31, factMessages.missingRunId("p/c", undefined).message],
      ["REPORT034", 3, 55, factMessages.missingRunId("p/d", undefined).message],
    ]);
  });

  it("walks an or-chain of 20,000 ids without running out of stack", async () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => `id = "p/${i === 19_999 ? "zz" : "a"}"`).join(" or ");
    const found = await warnings(chain);
    expect(found.map((d) => [d.code, d.message])).toEqual([["REPORT034", factMessages.missingRunId("p/zz", undefined).message]]);
  });
});
