#!/usr/bin/env node
// Runs src/cli/runfolio.ts on Node's built-in TypeScript type stripping (the sources use only
// erasable syntax; tsconfig's erasableSyntaxOnly keeps it so).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `runfolio needs Node.js 22.18 or newer (it runs TypeScript sources); this is ${process.version}. ` +
      "Run it as `npx runfolio` or `npm run import --` in the project, which use its pinned Node.",
  );
  process.exit(1);
}
await import("../src/cli/runfolio.ts");
