import { describe, expect, it } from "vitest";
import { configMessages } from "./configMessages.ts";
import { formatDiagnostic } from "../diagnostics.ts";
import { DEFAULT_CONFIG, parseConfig } from "./parseConfig.ts";

const lines = (text: string) => parseConfig(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${d.message}${d.hint ? ` | ${d.hint}` : ""}`);

describe("parseConfig(text)", () => {
  it("reads every key, lower-cases the accent and keeps the defaults for what is left out", () => {
    const { config, diagnostics } = parseConfig(
      JSON.stringify({ version: 1, title: "Vision lab", description: "ResNet sweeps", base: "/vision/", repository: "https://github.com/acme/vision", accent: "#C026D3", pages: { search: false } }),
    );
    expect(diagnostics).toEqual([]);
    expect(config).toEqual({
      version: 1,
      title: "Vision lab",
      description: "ResNet sweeps",
      base: "/vision/",
      repository: "https://github.com/acme/vision",
      accent: "#c026d3",
      pages: { search: false, feed: true, embeds: true },
    });
    expect(parseConfig("{}")).toEqual({ config: DEFAULT_CONFIG, diagnostics: [] });
  });

  it("places a JSON syntax error and a non-object at their line and column", () => {
    expect(lines('{\n  "title": "x",\n}')).toEqual([expect.stringMatching(/^2:15 error CONFIG001: invalid JSON: trailing comma before '}'/)]);
    expect(lines('{\n  "title": "a",\n  "title": "b"\n}')).toEqual([
      '3:3 error CONFIG010: duplicate key "title" in one object (first written at line 2, column 3); only one value can be kept | remove one of the two; a JSON reader keeps only the last, so the other value would be lost',
    ]);
    expect(lines("[1]")).toEqual(["1:1 error CONFIG002: expected the config to be a JSON object, found a list | write { \"title\": \"…\" } or delete the file to use the defaults"]);
  });

  it("warns about unknown keys and page names with a did-you-mean, and keeps reading", () => {
    const text = '{\n  "titel": "x",\n  "pages": { "serach": false, "feed": false }\n}';
    expect(lines(text)).toEqual([
      '2:3 warning CONFIG003: unknown key "titel" (it is ignored) | did you mean "title"?',
      '3:14 warning CONFIG003: unknown key "pages.serach" (it is ignored) | did you mean "search"?',
    ]);
    expect(parseConfig(text).config.pages).toEqual({ search: true, feed: false, embeds: true });
  });

  it("names the expected type and the found value of each bad key at the value, and uses the default there", () => {
    const text = '{\n  "title": 3,\n  "pages": { "feed": "no" },\n  "base": "docs",\n  "accent": "blue",\n  "repository": "github.com/a/b"\n}';
    const { config, diagnostics } = parseConfig(text);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.code}: ${d.message}`)).toEqual([
      "2:12 CONFIG004: expected a non-empty string for `title`, found the number 3",
      "3:22 CONFIG004: expected true or false for `pages.feed`, found the string \"no\"",
      '4:11 CONFIG005: expected `base` to be a path that starts and ends with "/" (e.g. "/my-repo/"), found "docs"',
      '5:13 CONFIG006: expected `accent` to be a hex colour such as "#2563eb" or "#26e", found "blue"',
      '6:17 CONFIG007: expected `repository` to be an http(s) address such as "https://github.com/owner/repo", found "github.com/a/b"',
    ]);
    expect(diagnostics.every((d) => d.severity === "error")).toBe(true);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(formatDiagnostic({ ...diagnostics[0]! })).toContain("runfolio.config.json:2:12: error CONFIG004");
  });

  it("reads a config for a newer version with a warning, and refuses a version that is not a whole number", () => {
    expect(lines('{ "version": 3, "title": "x", "sidebar": true }')).toEqual([
      "1:14 warning CONFIG008: written for config version 3; this runfolio reads version 1, and keys it does not know are ignored | upgrade runfolio (npm i -D runfolio@latest); see docs/versions.md",
      '1:31 warning CONFIG003: unknown key "sidebar" (it is ignored) | known keys: version, title, description, base, repository, accent, pages',
    ]);
    expect(parseConfig('{ "version": 3, "title": "x" }').config.title).toBe("x");
    for (const bad of ["0", "1.5", '"1"', "null"]) expect(lines(`{"version": ${bad}}`)[0]).toMatch(/^1:13 error CONFIG009: expected `version` to be a whole number from 1 on/);
  });

  it("accepts / and nested base paths, and refuses paths that do not start and end with a slash", () => {
    for (const ok of ["/", "/a/", "/a/b-c/", "/My_Repo.v2/", "/caf%C3%A9/", "/a..b/"]) expect(parseConfig(JSON.stringify({ base: ok })).config.base).toBe(ok);
    for (const bad of ["a/", "/a", "//", "/a b/", "https://x/", "//evil.example/", "/../", "/a/./", "/%2e%2E/", "/.%2e/", '/"><script>/', "/a<b/", "/a'b/", "/a%zz/", "/a\\b/"]) {
      const out = parseConfig(JSON.stringify({ base: bad }));
      expect(out.config.base).toBeNull();
      expect(out.diagnostics.map((d) => d.message)).toEqual([configMessages.badBase(JSON.stringify(bad)).message]);
    }
  });
});
