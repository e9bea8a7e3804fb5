/**
 * What `runfolio init` writes, as functions of the existing files' text: each returns the new text
 * (or null when nothing is to change) and what it added and left alone, so the command can say so.
 */
import { CONFIG_FORMAT_VERSION } from "../../core/version/formatVersion.ts";

/** The npm scripts init adds, each only where the name is free. */
export const SCRIPTS: Readonly<Record<string, string>> = {
  dev: "runfolio dev",
  build: "runfolio build",
  preview: "runfolio preview",
  check: "runfolio check",
};

export interface Edit {
  text: string | null;
  added: string[];
  /** `name: why` for each thing left as it was. */
  skipped: string[];
}

/** package.json with the free script names filled in; its other keys, order and indent kept. */
export function addScripts(packageJson: string): Edit {
  const manifest = JSON.parse(packageJson) as Record<string, unknown>;
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) throw new Error("package.json is not a JSON object");
  const scripts = (manifest.scripts ?? {}) as Record<string, unknown>;
  if (typeof scripts !== "object" || Array.isArray(scripts)) throw new Error("package.json's \"scripts\" is not an object");
  const added: string[] = [];
  const skipped: string[] = [];
  for (const [name, command] of Object.entries(SCRIPTS)) {
    if (scripts[name] === undefined) {
      scripts[name] = command;
      added.push(`"${name}": "${command}"`);
    } else if (scripts[name] !== command) skipped.push(`script "${name}" is already ${JSON.stringify(scripts[name])} (kept; run \`npx runfolio ${name}\` instead)`);
  }
  if (added.length === 0) return { text: null, added, skipped };
  manifest.scripts = scripts;
  const indent = /^[ \t]+(?=")/m.exec(packageJson)?.[0] ?? "  ";
  const eol = packageJson.includes("\r\n") ? "\r\n" : "\n";
  return { text: JSON.stringify(manifest, null, indent).replace(/\n/g, eol) + eol, added, skipped };
}

/** Lines .gitignore needs: the built site, and node_modules/ (which holds the build cache). */
const IGNORED = [
  { line: "dist/", covers: ["dist", "dist/", "/dist", "/dist/"] },
  { line: "node_modules/", covers: ["node_modules", "node_modules/", "/node_modules", "/node_modules/"] },
];

/** .gitignore with the missing entries appended after what is there (null text: nothing missing). */
export function addGitignore(existing: string | null): Edit {
  const lines = new Set((existing ?? "").split(/\r?\n/).map((l) => l.trim()));
  const added: string[] = [];
  const skipped: string[] = [];
  for (const { line, covers } of IGNORED) {
    if (covers.some((c) => lines.has(c))) skipped.push(`${line} is already in .gitignore`);
    else added.push(line);
  }
  if (added.length === 0) return { text: null, added, skipped };
  const head = existing === null || existing === "" ? "" : existing.endsWith("\n") ? `${existing}\n` : `${existing}\n\n`;
  return { text: `${head}# Runfolio: the built site; node_modules/ also holds its build cache\n${added.join("\n")}\n`, added, skipped };
}

export interface Repository {
  owner: string;
  name: string;
  url: string;
}

/** A GitHub repository from a remote's address (https, ssh or scp-like), else null. */
export function githubRepository(remote: string): Repository | null {
  const m = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m) return null;
  return { owner: m[1]!, name: m[2]!, url: `https://github.com/${m[1]}/${m[2]}` };
}

/** The base path GitHub Pages serves the repository's site under. */
export function pagesBase(repo: Repository | null): string {
  if (!repo || repo.name.toLowerCase() === `${repo.owner.toLowerCase()}.github.io`) return "/";
  return `/${repo.name}/`;
}

/** runfolio.config.json to start from (docs/config.md). */
export function configText(title: string, repo: Repository | null): string {
  const config = {
    version: CONFIG_FORMAT_VERSION,
    title,
    description: "Experiment reports and runs",
    base: pagesBase(repo),
    ...(repo ? { repository: repo.url } : {}),
    accent: "#2563eb",
    pages: { search: true, feed: true, embeds: true },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
