import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { parse as parseHtml } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { buildSite, repoRoot } from "../helpers/buildSite.ts";

const real = path.resolve(repoRoot, "../shared/fixtures/real");
const present = existsSync(real);
if (!present) console.warn("skipping the import round trip: ../shared/fixtures/real not found");

describe.runIf(present)("runfolio import → astro build → run page", () => {
  it("shows the imported Keras run's last logged values on its page", async () => {
    const data = path.join(repoRoot, "test-artifacts/import-site");
    await rm(data, { recursive: true, force: true });
    await mkdir(data, { recursive: true });
    await promisify(execFile)(process.execPath, [
      path.join(repoRoot, "bin/runfolio.mjs"),
      "import",
      path.join(real, "keras_csvlogger/BrainCNN"),
      "--format",
      "keras",
      "--project",
      "brain",
      "--out",
      path.join(data, "runs"),
    ]);
    const out = path.join(data, "dist");
    const built = await buildSite({ dataDir: data, outDir: out, cacheDir: path.join(data, "cache") });
    expect(built.code, built.output).toBe(0);
    const runDir = path.join(out, "runs", "brain");
    const html = await readFile(path.join(runDir, "BrainCNN", "index.html"), "utf8");
    const doc = parseHtml(html);
    // Last row of training.log, read off the file: epoch 24, acc 0.98541666239698733, loss 0.059139651652052996.
    const summary = Object.fromEntries(
      doc.querySelectorAll("table tr").map((tr) => tr.querySelectorAll("td").map((td) => td.text.trim())).filter((c) => c.length === 2),
    );
    expect(summary.acc).toBe("0.9854");
    expect(summary.loss).toBe("0.05914");
    expect(doc.querySelector("h1")!.text).toContain("BrainCNN");
    expect(doc.querySelectorAll("figure[data-runfolio-chart]").length).toBe(2);
    expect(html).toContain("Steps logged</dt><dd>25<"); // epochs 0–24
  });
});
