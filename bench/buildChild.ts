import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// `astro build` in this process, so that its peak resident memory can be read when it ends
// (`/usr/bin/time -v` is not everywhere), with the CPU time it used. Writes `{code, maxRssKb, cpuMs}`
// to the file named by argv[2].
const [resultFile] = process.argv.slice(2) as [string];
process.on("exit", (code) => {
  const usage = process.resourceUsage();
  writeFileSync(resultFile, JSON.stringify({ code, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
});
const astroBin = path.join(import.meta.dirname, "../node_modules/astro/bin/astro.mjs");
process.argv = [process.argv[0]!, astroBin, "build"];
await import(pathToFileURL(astroBin).href);
