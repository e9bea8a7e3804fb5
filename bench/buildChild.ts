import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// `astro build` in this process, so that its peak resident memory can be read when it ends
// (`/usr/bin/time -v` is not everywhere). Writes `{maxRssKb}` to the file named by argv[2].
const [resultFile] = process.argv.slice(2) as [string];
process.on("exit", (code) => {
  writeFileSync(resultFile, JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS }));
});
const astroBin = path.join(import.meta.dirname, "../node_modules/astro/bin/astro.mjs");
process.argv = [process.argv[0]!, astroBin, "build"];
await import(pathToFileURL(astroBin).href);
