import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { hashString, makeRng } from "../../scripts/examples/random.ts";
import { historyCell, toJson } from "../../scripts/examples/write.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function filesUnder(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
    .sort();
}

describe("example generator helpers", () => {
  it("seeds from the FNV-1a hash of the key", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(hashString("foobar")).toBe(0xbf9cf968);
  });

  it("gives the same draws for the same key and others for another key", () => {
    const draw = (key: string): number[] => {
      const r = makeRng(key);
      return [r.uniform(), r.normal(), r.normal(), r.range(2, 3), r.int(1, 6), r.logNormal(0, 1)];
    };
    expect(draw("nanogpt/lr-1e-3-seed1")).toEqual(draw("nanogpt/lr-1e-3-seed1"));
    expect(draw("nanogpt/lr-1e-3-seed1")).not.toEqual(draw("nanogpt/lr-1e-3-seed2"));
    const r = makeRng("bounds");
    for (let i = 0; i < 200; i++) {
      const n = r.int(3, 5);
      expect(n === 3 || n === 4 || n === 5).toBe(true);
      const x = r.range(-1, 1);
      expect(x >= -1 && x < 1).toBe(true);
    }
    expect(makeRng("git").hex(40)).toMatch(/^[0-9a-f]{40}$/);
  });

  it("writes history cells as the run reader reads them", () => {
    expect([NaN, Infinity, -Infinity, 0.5, -2, null, undefined].map(historyCell)).toEqual(["nan", "inf", "-inf", "0.5", "-2", "", ""]);
    expect(historyCell("train/loss")).toBe("train/loss");
    expect(historyCell('a "b", c')).toBe('"a ""b"", c"');
  });

  it("writes JSON with primitive arrays on one line and non-finite numbers as null", () => {
    expect(toJson({ a: [1, NaN, null], b: {}, c: { d: "x", skip: undefined }, e: [{ f: 1 }] })).toBe(
      '{\n  "a": [1, null, null],\n  "b": {},\n  "c": {\n    "d": "x"\n  },\n  "e": [\n    {\n      "f": 1\n    }\n  ]\n}',
    );
  });
});

describe("npm run examples", () => {
  const out = mkdtempSync(path.join(tmpdir(), "runfolio-examples-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("regenerates the committed example runs byte for byte", () => {
    const child = spawnSync(process.execPath, ["scripts/generateExampleRuns.ts", "--out", out], { cwd: repoRoot, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^32 runs written to /m);
    for (const project of ["nanogpt", "cifar10", "shapes"]) {
      const committed = path.join(repoRoot, "runs", project);
      const generated = path.join(out, project);
      const files = filesUnder(committed);
      expect(filesUnder(generated)).toEqual(files);
      for (const f of files) expect(readFileSync(path.join(generated, f)).equals(readFileSync(path.join(committed, f))), f).toBe(true);
    }
  }, 120_000);
});
