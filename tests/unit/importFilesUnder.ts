import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Every file below `root` as importer input (bytes, `/`-separated relative paths, sorted), as `runfolio import` reads a folder. */
export function filesUnder(root: string): { path: string; bytes: Uint8Array }[] {
  const out: { path: string; bytes: Uint8Array }[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: path.relative(root, full).split(path.sep).join("/"), bytes: new Uint8Array(readFileSync(full)) });
    }
  };
  walk(root);
  return out;
}
