import { describe, expect, it } from "vitest";
import { parseConfig } from "../../core/config/parseConfig.ts";
import { addGitignore, addScripts, configText, githubRepository, pagesBase } from "./initFiles.ts";

describe("addScripts(packageJson)", () => {
  it("adds the free script names, keeps the rest, their order and the file's indent", () => {
    const edit = addScripts('{\n    "name": "train",\n    "scripts": { "build": "tsc", "check": "runfolio check" },\n    "private": true\n}\n');
    expect(edit.added).toEqual(['"dev": "runfolio dev"', '"preview": "runfolio preview"']);
    expect(edit.skipped).toEqual(['script "build" is already "tsc" (kept; run `npx runfolio build` instead)']);
    expect(edit.text).toBe(
      '{\n    "name": "train",\n    "scripts": {\n        "build": "tsc",\n        "check": "runfolio check",\n        "dev": "runfolio dev",\n        "preview": "runfolio preview"\n    },\n    "private": true\n}\n',
    );
  });

  it("changes nothing when every script is there, and refuses a package.json that is not an object", () => {
    const full = JSON.stringify({ scripts: { dev: "a", build: "b", preview: "c", check: "d" } });
    expect(addScripts(full).text).toBeNull();
    expect(addScripts(full).skipped).toHaveLength(4);
    expect(() => addScripts("[]")).toThrow("package.json is not a JSON object");
    expect(() => addScripts("{")).toThrow();
  });
});

describe("addGitignore(existing)", () => {
  it("appends only the missing entries after the existing text, byte for byte", () => {
    const edit = addGitignore("/node_modules\n*.pt");
    expect(edit.added).toEqual(["dist/"]);
    expect(edit.skipped).toEqual(["node_modules/ is already in .gitignore"]);
    expect(edit.text).toBe("/node_modules\n*.pt\n\n# Runfolio: the built site; node_modules/ also holds its build cache\ndist/\n");
    expect(addGitignore(null).text).toBe("# Runfolio: the built site; node_modules/ also holds its build cache\ndist/\nnode_modules/\n");
    expect(addGitignore("dist\nnode_modules/\n").text).toBeNull();
  });
});

describe("githubRepository(remote), pagesBase(repo) and configText(title, repo)", () => {
  it("reads https, ssh and scp-like GitHub remotes and gives the Pages base path", () => {
    for (const remote of ["https://github.com/acme/train-gpt.git", "git@github.com:acme/train-gpt.git", "ssh://git@github.com/acme/train-gpt", "https://token@github.com/acme/train-gpt/"]) {
      expect(githubRepository(remote)).toEqual({ owner: "acme", name: "train-gpt", url: "https://github.com/acme/train-gpt" });
    }
    expect(githubRepository("https://gitlab.com/acme/x.git")).toBeNull();
    expect(pagesBase(githubRepository("git@github.com:acme/train-gpt.git"))).toBe("/train-gpt/");
    expect(pagesBase(githubRepository("git@github.com:Acme/acme.github.io.git"))).toBe("/");
    expect(pagesBase(null)).toBe("/");
  });

  it("writes a config that parses clean, with the repository only when there is one", () => {
    const repo = githubRepository("git@github.com:acme/train-gpt.git");
    const parsed = parseConfig(configText("train-gpt", repo));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.config).toMatchObject({ title: "train-gpt", base: "/train-gpt/", repository: "https://github.com/acme/train-gpt" });
    expect(parseConfig(configText("x", null)).config).toMatchObject({ base: "/", repository: null });
  });
});
