#!/usr/bin/env node
// The `runfolio` command. Astro 7 and the CLI need Node 22.18 or newer; on an older Node (a
// system Node 20) the command runs itself again on the Node the package brings: the platform
// package for its os and cpu (bin/ownNode.mjs; an optional dependency, no install script needed), else the `node`
// package. In this repository it runs the TypeScript sources (Node's type stripping); installed
// under node_modules, where Node strips no types, the bundle `npm pack` builds (lib/runfolio.mjs).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { missingNodeMessage, nodeCandidates } from "./ownNode.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const [major, minor] = process.versions.node.split(".").map(Number);

if (major < 22 || (major === 22 && minor < 18)) {
  const own = ownNode();
  if (!own || process.env.RUNFOLIO_REEXEC === "1") {
    console.error(missingNodeMessage(process.platform, process.arch, process.version));
    process.exit(1);
  }
  const child = spawn(own, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, RUNFOLIO_REEXEC: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const installed = here.split(path.sep).includes("node_modules");
  await import(installed ? "../lib/runfolio.mjs" : "../src/cli/runfolio.ts");
}

function ownNode() {
  const require = createRequire(import.meta.url);
  for (const { pkg, bin } of nodeCandidates(process.platform, process.arch)) {
    try {
      const file = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), bin);
      if (existsSync(file)) return file;
    } catch {
      // not installed: try the next
    }
  }
  return null;
}
