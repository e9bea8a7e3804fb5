import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandIo } from "./check.ts";
import { parseSiteArgs, siteCommand, siteEnv, type SiteArgs } from "./site.ts";

const io = (env: Record<string, string | undefined> = {}): CommandIo & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { cwd: "/home/me/train", env, stdout: (s) => out.push(s), stderr: (s) => err.push(s), out, err };
};

describe("parseSiteArgs(command, args, io) and siteEnv(args, io)", () => {
  it("resolves --root, --out-dir and --base against the working directory and passes other options to Astro", () => {
    const parsed = parseSiteArgs("dev", ["--root", "..", "--port", "4000", "--base=/x/", "--host"], io()) as SiteArgs;
    expect(parsed).toEqual({ root: "/home/me", outDir: null, base: "/x/", offline: false, astroArgs: ["--port", "4000", "--host"] });
  });

  it("puts the data root, dist/ and the cache in the user's folder, and lets the environment move the cache", () => {
    const parsed = parseSiteArgs("build", ["--offline"], io()) as SiteArgs;
    const env = siteEnv(parsed, io({ PATH: "/usr/bin" }));
    expect(env).toEqual({
      PATH: "/usr/bin",
      RUNFOLIO_DATA_DIR: "/home/me/train",
      RUNFOLIO_OUT_DIR: path.join("/home/me/train", "dist"),
      RUNFOLIO_CACHE_DIR: path.join("/home/me/train", "node_modules", ".cache", "runfolio"),
      RUNFOLIO_LINKS: "relative",
      RUNFOLIO_COPY_SOURCE_FILES: "1",
    });
    const moved = siteEnv(parseSiteArgs("build", ["--out-dir", "site"], io()) as SiteArgs, io({ RUNFOLIO_CACHE_DIR: "/tmp/c", RUNFOLIO_BASE: "/b/" }));
    expect(moved).toMatchObject({ RUNFOLIO_OUT_DIR: "/home/me/train/site", RUNFOLIO_CACHE_DIR: "/tmp/c", RUNFOLIO_BASE: "/b/" });
  });

  it("refuses an option without its value, --offline outside build, and a folder without runs/ or reports/", async () => {
    expect(parseSiteArgs("dev", ["--root"], io())).toMatchObject({ exit: 2, stderr: expect.stringContaining("runfolio dev: --root needs a value") });
    expect(parseSiteArgs("dev", ["--offline"], io())).toMatchObject({ exit: 2, stderr: expect.stringContaining("runfolio dev: --offline is an option of build") });
    const empty = io();
    expect(await siteCommand("build", ["--root", path.resolve(import.meta.dirname)], empty)).toBe(2);
    expect(empty.err.join("")).toContain("has neither runs/ nor reports/");
    const help = io();
    expect(await siteCommand("preview", ["--help"], help)).toBe(0);
    expect(help.out.join("")).toContain("usage: runfolio dev|build|preview");
  });
});
