import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Components a site may put in place of Runfolio's (docs/own-astro-site.md), the way Starlight's
 * `components` option works: each is served to the pages as `virtual:runfolio/components/<Name>`,
 * which re-exports the site's file or, without one, Runfolio's own.
 */
export const OVERRIDABLE = ["Header", "Footer", "RunPageSections"] as const;
export type OverridableComponent = (typeof OVERRIDABLE)[number];

/** `components` of the integration's options: a path per component, relative to the Astro project's root. */
export type ComponentOverrides = Partial<Record<OverridableComponent, string>>;

const MODULE_PREFIX = "virtual:runfolio/components/";

/**
 * Each component's file: the site's (checked to exist, as an absolute path) or Runfolio's default
 * in `defaultsDir`. An unknown name or a missing file throws: it is code in astro.config.
 */
export function resolveComponents(overrides: ComponentOverrides | undefined, projectRoot: string, defaultsDir: string): Record<OverridableComponent, string> {
  const given = overrides ?? {};
  const unknown = Object.keys(given).filter((name) => !(OVERRIDABLE as readonly string[]).includes(name));
  if (unknown.length) {
    throw new Error(`runfolio(): unknown component${unknown.length === 1 ? "" : "s"} ${unknown.map((n) => JSON.stringify(n)).join(", ")} in \`components\`; the overridable ones are ${OVERRIDABLE.join(", ")}`);
  }
  const out = {} as Record<OverridableComponent, string>;
  for (const name of OVERRIDABLE) {
    const file = given[name];
    if (file === undefined) {
      out[name] = path.join(defaultsDir, `${name}.astro`);
      continue;
    }
    if (typeof file !== "string" || !file.endsWith(".astro")) {
      throw new Error(`runfolio(): components.${name} must be the path of an .astro file, e.g. "./src/components/My${name}.astro", not ${JSON.stringify(file)}`);
    }
    const absolute = path.resolve(projectRoot, file);
    if (!existsSync(absolute)) throw new Error(`runfolio(): components.${name} names ${file}, which does not exist (looked for ${absolute})`);
    out[name] = absolute;
  }
  return out;
}

/** The Vite plugin serving `virtual:runfolio/components/<Name>`. */
export function componentsPlugin(files: Record<OverridableComponent, string>) {
  return {
    name: "runfolio:components",
    resolveId(id: string): string | undefined {
      if (!id.startsWith(MODULE_PREFIX)) return undefined;
      const name = id.slice(MODULE_PREFIX.length);
      return (OVERRIDABLE as readonly string[]).includes(name) ? `\0${id}` : undefined;
    },
    load(id: string): string | undefined {
      if (!id.startsWith(`\0${MODULE_PREFIX}`)) return undefined;
      const name = id.slice(MODULE_PREFIX.length + 1) as OverridableComponent;
      return `export { default } from ${JSON.stringify(files[name].split(path.sep).join("/"))};`;
    },
  };
}
