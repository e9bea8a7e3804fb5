import fg from "fast-glob";
import path from "node:path";
import { runDataWork } from "./dataWork.ts";
import { readAndParseFloor } from "./floor.ts";
import { importOnce, plainRead } from "./importWork.ts";

// Run one workload in a fresh process and report its peak resident memory.
const [mode, root] = process.argv.slice(2) as ["data" | "floor" | "import" | "read", string];
if (mode === "data") await runDataWork(root);
else if (mode === "import") await importOnce(root);
else if (mode === "read") await plainRead(root);
else await readAndParseFloor((await fg("runs/**/history.csv", { cwd: root })).sort().map((f) => path.join(root, f)));
process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
