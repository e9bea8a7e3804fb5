import { describe, expect, it } from "vitest";
import { buildOutputDiagnostics, checkOutputDiagnostics } from "../helpers/brokenCorpus.ts";

// The corpus agreement test (tests/site/brokenCorpus.test.ts) compares what these read out of
// `runfolio check` and `astro build`: they must take every diagnostic whole and nothing else.
const first = "reports/a.md:7:4: error BLOCK009: no selected run has the metric `los`\n  7 | y: los\n         ^^^\n  hint: did you mean `loss`?";
const second = "runs/p/a.json:1:1: warning RUN025: not a run file (it is ignored)";
const third = "reports/b.md:3:1: error REPORT004: a report needs a `title` in its front matter\n  hint: add `title: My report` between `---` lines at the top";

describe("checkOutputDiagnostics(stdout)", () => {
  it("takes each diagnostic with its excerpt and hint, and leaves the count line out", () => {
    const stdout = `${first}\n\n${second}\n\n${third}\n\nrunfolio check: 2 errors, 1 warning in 1 run and 2 reports\n`;
    expect(checkOutputDiagnostics(stdout)).toEqual([first, second, third]);
  });
});

describe("buildOutputDiagnostics(output)", () => {
  it("takes each logged diagnostic without the logger's prefix, and not Astro's own lines", () => {
    const output = [
      "05:27:23 [content] Synced content",
      `05:27:23 [ERROR] [runfolio] ${first}`,
      `05:27:23 [WARN] [runfolio] ${second}`,
      `05:27:23 [ERROR] [runfolio] ${third}`,
      '05:27:23 [ERROR] [runfolio] An unhandled error occurred while running the "astro:build:start" hook',
      "Runfolio found 2 errors in runs/ and reports/ (listed above); the site was not built.",
      "  Location:",
      "    src/integration/runfolio.ts:31:17",
      "",
    ].join("\n");
    expect(buildOutputDiagnostics(output)).toEqual([first, second, third]);
  });
});
