// The package's entry for Astro projects of their own: `import runfolio from "runfolio"`.
export { runfolio, runfolio as default } from "./runfolio.ts";
export type { RunfolioOptions } from "./options.ts";
