import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The runfolio package's own folder: the repository in development, `node_modules/runfolio` when
 * installed. Found by walking up from this module, so it holds both for the sources
 * (src/cli/packageDir.ts) and for the bundle the package ships (lib/runfolio.mjs).
 */
export function findPackageDir(fromUrl: string): string {
  let dir = path.dirname(fileURLToPath(fromUrl));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "runfolio") return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`runfolio: no package.json named "runfolio" above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

export const packageDir = findPackageDir(import.meta.url);
