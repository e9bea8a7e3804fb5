import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataRoot } from "./dataRoot.ts";

describe("dataRoot(env, cwd)", () => {
  it("is the working folder unless RUNFOLIO_DATA_DIR names another, resolved against it", () => {
    const cwd = path.resolve("/srv/site");
    expect(dataRoot({}, cwd)).toBe(cwd);
    expect(dataRoot({ RUNFOLIO_DATA_DIR: "" }, cwd)).toBe(cwd);
    expect(dataRoot({ RUNFOLIO_DATA_DIR: "tests/fixtures/broken-site" }, cwd)).toBe(path.join(cwd, "tests/fixtures/broken-site"));
    expect(dataRoot({ RUNFOLIO_DATA_DIR: path.resolve("/data/runs-root") }, cwd)).toBe(path.resolve("/data/runs-root"));
  });
});
