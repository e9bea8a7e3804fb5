/**
 * Message catalog for runfolio.config.json. Codes are permanent: a code is never reused for a
 * different problem (docs/config.md lists them).
 */
import type { Message } from "../diagnostics.ts";

export const configMessages = {
  jsonSyntax: (detail: string): Message => ({
    code: "CONFIG001",
    message: `invalid JSON: ${detail}`,
    hint: "runfolio.config.json is plain JSON: double-quoted keys and strings, no comments, no trailing commas",
  }),
  notAnObject: (found: string): Message => ({
    code: "CONFIG002",
    message: `expected the config to be a JSON object, found ${found}`,
    hint: 'write { "title": "…" } or delete the file to use the defaults',
  }),
  unknownKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "CONFIG003",
    message: `unknown key "${key}" (it is ignored)`,
    hint: suggestion !== undefined ? `did you mean "${suggestion}"?` : `known keys: ${known.join(", ")}`,
  }),
  wrongType: (key: string, expected: string, found: string): Message => ({
    code: "CONFIG004",
    message: `expected ${expected} for \`${key}\`, found ${found}`,
  }),
  badBase: (found: string): Message => ({
    code: "CONFIG005",
    message: `expected \`base\` to be a path that starts and ends with "/" (e.g. "/my-repo/"), found ${found}`,
    hint: 'a GitHub Pages project site is served under "/<repository>/"; a user site or a custom domain under "/"',
  }),
  badAccent: (found: string): Message => ({
    code: "CONFIG006",
    message: `expected \`accent\` to be a hex colour such as "#2563eb" or "#26e", found ${found}`,
  }),
  badRepository: (found: string): Message => ({
    code: "CONFIG007",
    message: `expected \`repository\` to be an http(s) address such as "https://github.com/owner/repo", found ${found}`,
  }),
  versionNewer: (version: number, supported: number): Message => ({
    code: "CONFIG008",
    message: `written for config version ${version}; this runfolio reads version ${supported}, and keys it does not know are ignored`,
    hint: "upgrade runfolio (npm i -D runfolio@latest); see docs/versions.md",
  }),
  versionInvalid: (found: string): Message => ({
    code: "CONFIG009",
    message: `expected \`version\` to be a whole number from 1 on, found ${found}`,
    hint: "leave version out to mean the current version (1)",
  }),
  duplicateKey: (detail: string): Message => ({
    code: "CONFIG010",
    message: detail,
    hint: "remove one of the two; a JSON reader keeps only the last, so the other value would be lost",
  }),
} as const;
