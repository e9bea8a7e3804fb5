import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { componentsPlugin, resolveComponents, type ComponentOverrides } from "./components.ts";
import type { FooterProps, HeaderProps, RunPageSectionsProps } from "./index.ts";

let project: string;
const defaults = "/pkg/src/components";

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), "runfolio-components-"));
  await mkdir(path.join(project, "src/components"), { recursive: true });
  await writeFile(path.join(project, "src/components/MyHeader.astro"), "<header>mine</header>\n");
});
afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("resolveComponents(overrides, projectRoot, defaultsDir)", () => {
  it("gives Runfolio's component for each one not overridden and the site's file, made absolute, for the others", () => {
    expect(resolveComponents(undefined, project, defaults)).toEqual({
      Header: path.join(defaults, "Header.astro"),
      Footer: path.join(defaults, "Footer.astro"),
      RunPageSections: path.join(defaults, "RunPageSections.astro"),
    });
    expect(resolveComponents({ Header: "./src/components/MyHeader.astro" }, project, defaults)).toEqual({
      Header: path.join(project, "src/components/MyHeader.astro"),
      Footer: path.join(defaults, "Footer.astro"),
      RunPageSections: path.join(defaults, "RunPageSections.astro"),
    });
  });

  it("refuses an unknown component, a path that is no .astro file and a file that does not exist, naming each", () => {
    expect(() => resolveComponents({ Sidebar: "./x.astro" } as ComponentOverrides, project, defaults)).toThrow(
      'runfolio(): unknown component "Sidebar" in `components`; the overridable ones are Header, Footer, RunPageSections',
    );
    expect(() => resolveComponents({ Footer: "./src/Footer.tsx" }, project, defaults)).toThrow(
      'runfolio(): components.Footer must be the path of an .astro file, e.g. "./src/components/MyFooter.astro", not "./src/Footer.tsx"',
    );
    expect(() => resolveComponents({ Footer: "./src/components/Gone.astro" }, project, defaults)).toThrow(
      `runfolio(): components.Footer names ./src/components/Gone.astro, which does not exist (looked for ${path.join(project, "src/components/Gone.astro")})`,
    );
  });
});

describe("componentsPlugin(files)", () => {
  it("serves virtual:runfolio/components/<Name> as a re-export of the chosen file, and nothing else", () => {
    const plugin = componentsPlugin(resolveComponents({ Header: "./src/components/MyHeader.astro" }, project, defaults));
    expect(plugin.resolveId("virtual:runfolio/components/Header")).toBe("\0virtual:runfolio/components/Header");
    expect(plugin.resolveId("virtual:runfolio/components/Sidebar")).toBeUndefined();
    expect(plugin.resolveId("./Header.astro")).toBeUndefined();
    expect(plugin.load("\0virtual:runfolio/components/Header")).toBe(`export { default } from ${JSON.stringify(path.join(project, "src/components/MyHeader.astro"))};`);
    expect(plugin.load("\0virtual:runfolio/components/Footer")).toBe(`export { default } from ${JSON.stringify(path.join(defaults, "Footer.astro"))};`);
    expect(plugin.load("\0virtual:runfolio/options")).toBeUndefined();
  });
});

describe("the props types a site's components declare (checked by the typecheck)", () => {
  it("describe what the pages pass", () => {
    const header: HeaderProps = { siteTitle: "S", pageTitle: "P", homeHref: "/", nav: [{ label: "Runs", href: "/runs/" }, { label: "Repository", href: "https://x", external: true }], pathname: "/" };
    const footer: FooterProps = { siteTitle: "S", commit: { full: "a".repeat(40), short: "aaaaaaa", url: null }, uncommitted: false };
    expectTypeOf(header.nav).items.toHaveProperty("href").toEqualTypeOf<string>();
    expectTypeOf<FooterProps["commit"]>().toEqualTypeOf<{ full: string; short: string; url: string | null } | null>();
    expectTypeOf<RunPageSectionsProps["run"]["config"]>().toEqualTypeOf<Record<string, unknown>>();
    // @ts-expect-error a header needs the site title
    const missing: HeaderProps = { pageTitle: "P", homeHref: "/", nav: [], pathname: "/" };
    expect([header.siteTitle, footer.commit?.short, missing.pageTitle]).toEqual(["S", "aaaaaaa", "P"]);
  });
});
