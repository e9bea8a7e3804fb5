import { copyFile, access } from "node:fs/promises";
import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";

/** Whether the Astro project is Runfolio's own repository (its pages are routed by their files there). */
export function isOwnProject(srcDir: string, packageDir: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(srcDir) === real(path.join(packageDir, "src"));
}

/** Every page links /favicon.svg; a site's own project that has none gets Runfolio's. */
export async function copyFaviconIfMissing(outDir: string, publicDir: string): Promise<boolean> {
  const target = path.join(outDir, "favicon.svg");
  try {
    await access(target);
    return false;
  } catch {
    await copyFile(path.join(publicDir, "favicon.svg"), target);
    return true;
  }
}

/** The packages Runfolio's pages import at run time, except Astro itself. */
export function runtimeDependencies(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  return Object.keys(manifest.dependencies ?? {}).filter((name) => name !== "astro").sort();
}
