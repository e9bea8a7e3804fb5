import { describe, expect, it } from "vitest";
import { metricGroups } from "./metricGroups.ts";

describe("metricGroups(metrics)", () => {
  it("groups by the prefix before the first slash, groups in code-point order, unprefixed metrics last as other", () => {
    expect(metricGroups(["loss", "val/loss", "train/loss", "Zeta/x", "train/lr/step", "val/acc", "epoch"])).toEqual([
      { group: "Zeta", metrics: ["Zeta/x"] },
      { group: "train", metrics: ["train/loss", "train/lr/step"] },
      { group: "val", metrics: ["val/loss", "val/acc"] },
      { group: "other", metrics: ["loss", "epoch"] },
    ]);
  });

  it("gives no group for no metrics", () => {
    expect(metricGroups([])).toEqual([]);
  });
});
