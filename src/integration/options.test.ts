import { describe, expect, it } from "vitest";
import { allowHtmlFromEnv, copySourceFilesFromEnv, resolveOptions, themeCss } from "./options.ts";

describe("allowHtmlFromEnv(value) and resolveOptions(options, env)", () => {
  it("reads 1/true and 0/false/unset, refuses anything else, and lets the integration option win", () => {
    expect([undefined, "", "0", "false"].map(allowHtmlFromEnv)).toEqual([false, false, false, false]);
    expect(["1", "true"].map(allowHtmlFromEnv)).toEqual([true, true]);
    expect(() => allowHtmlFromEnv("yes")).toThrow('RUNFOLIO_ALLOW_HTML must be "1" or "true" to keep raw HTML in reports, or "0", "false" or unset, not "yes"');
    expect(resolveOptions({}, { RUNFOLIO_ALLOW_HTML: "1" }).allowHtml).toBe(true);
    expect(resolveOptions({ allowHtml: false }, { RUNFOLIO_ALLOW_HTML: "1" }).allowHtml).toBe(false);
    expect(resolveOptions({}, {})).toEqual({ allowHtml: false, copySourceFiles: false });
  });
});

describe("copySourceFilesFromEnv(value) and resolveOptions(options, env)", () => {
  it("copies only when asked, by the option or RUNFOLIO_COPY_SOURCE_FILES, the option winning", () => {
    expect([undefined, "", "0", "false"].map(copySourceFilesFromEnv)).toEqual([false, false, false, false]);
    expect(["1", "true"].map(copySourceFilesFromEnv)).toEqual([true, true]);
    expect(() => copySourceFilesFromEnv("yes")).toThrow(/^RUNFOLIO_COPY_SOURCE_FILES must be "1" or "true" .* not "yes"$/);
    expect(resolveOptions({}, { RUNFOLIO_COPY_SOURCE_FILES: "1" }).copySourceFiles).toBe(true);
    expect(resolveOptions({ copySourceFiles: false }, { RUNFOLIO_COPY_SOURCE_FILES: "1" }).copySourceFiles).toBe(false);
    expect(resolveOptions({ copySourceFiles: true }, {}).copySourceFiles).toBe(true);
  });
});

describe("themeCss(accent)", () => {
  it("sets the accent on light pages, a lighter mix of it on dark pages, and nothing without one", () => {
    expect(themeCss(null)).toBe("");
    expect(themeCss("#c026d3")).toBe(
      ":root { --accent: #c026d3; --accent-soft: color-mix(in srgb, #c026d3 14%, var(--bg)); }\n" +
        "@media (prefers-color-scheme: dark) { :root { --accent: color-mix(in srgb, #c026d3 65%, #fff); --accent-soft: color-mix(in srgb, color-mix(in srgb, #c026d3 65%, #fff) 14%, var(--bg)); } }\n",
    );
  });
});
