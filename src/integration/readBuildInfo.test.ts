import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBuildInfo, type RunGit } from "./readBuildInfo.ts";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-C", cwd, ...args], { encoding: "utf8" }).trim();
const noGit: RunGit = () => null;

describe("readBuildInfo(root, env, git)", () => {
  let repo: string;
  let commit: string;
  beforeAll(async () => {
    repo = await mkdtemp(path.join(tmpdir(), "runfolio-buildinfo-"));
    await mkdir(path.join(repo, "site/runs/p"), { recursive: true });
    await writeFile(path.join(repo, "site/runs/p/a.json"), "{}\n");
    await writeFile(path.join(repo, "site/runs/p/b.json"), "{}\n");
    git(repo, "init", "-q");
    git(repo, "add", ".");
    git(repo, "commit", "-q", "-m", "runs");
    commit = git(repo, "rev-parse", "HEAD");
  }, 60_000);
  afterAll(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it("reads the commit, where the data root sits, and no remote when there is none", () => {
    expect(readBuildInfo(path.join(repo, "site"), {})).toEqual({ commit, remote: null, dataPrefix: "site/", uncommitted: [] });
  });

  it("reads origin, lists the run files that differ from the commit, and gives the same answer twice", async () => {
    git(repo, "remote", "add", "origin", "git@github.com:lab/exp.git");
    await writeFile(path.join(repo, "site/runs/p/b.json"), '{"name":"b"}\n');
    await writeFile(path.join(repo, "site/runs/p/new run.json"), "{}\n");
    await writeFile(path.join(repo, "site/notes.txt"), "not a run\n");
    const info = readBuildInfo(path.join(repo, "site"), {});
    expect(info).toEqual({ commit, remote: "git@github.com:lab/exp.git", dataPrefix: "site/", uncommitted: ["runs/p/b.json", "runs/p/new run.json"] });
    expect(readBuildInfo(path.join(repo, "site"), {})).toEqual(info);
  });

  it("lets git win over GITHUB_SHA, and takes the remote from GITHUB_REPOSITORY when git has none", () => {
    git(repo, "remote", "remove", "origin");
    const env = { GITHUB_SHA: "f".repeat(40), GITHUB_REPOSITORY: "lab/exp", GITHUB_SERVER_URL: "https://github.com" };
    expect(readBuildInfo(repo, env)).toMatchObject({ commit, remote: "https://github.com/lab/exp", dataPrefix: "" });
  });

  it("uses the GitHub Actions variables alone without git, and is null with neither", () => {
    const env = { GITHUB_SHA: "A".repeat(40), GITHUB_REPOSITORY: "lab/exp", GITHUB_WORKSPACE: "/w/exp" };
    expect(readBuildInfo("/w/exp/site", env, noGit)).toEqual({ commit: "a".repeat(40), remote: "https://github.com/lab/exp", dataPrefix: "site/", uncommitted: [] });
    expect(readBuildInfo("/w/exp", { GITHUB_SHA: "not-a-sha" }, noGit)).toBeNull();
    expect(readBuildInfo(tmpdir(), {}, noGit)).toBeNull();
  });
});
