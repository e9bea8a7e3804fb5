import { readFileSync } from "node:fs";
import path from "node:path";
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type ParsedConfig } from "../core/config/parseConfig.ts";

/** `<root>/runfolio.config.json`, parsed; the defaults, with no diagnostic, when there is none. */
export function readSiteConfig(root: string): ParsedConfig {
  let text: string;
  try {
    text = readFileSync(path.join(root, CONFIG_FILE), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { config: DEFAULT_CONFIG, diagnostics: [] };
    throw new Error(`runfolio: cannot read ${CONFIG_FILE}: ${(e as Error).message}`, { cause: e });
  }
  return parseConfig(text, CONFIG_FILE);
}
