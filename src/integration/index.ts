// The package's entry for Astro projects of their own: `import runfolio from "runfolio"`.
export { runfolio, runfolio as default } from "./runfolio.ts";
export type { RunfolioOptions } from "./options.ts";
export type { ComponentOverrides } from "./components.ts";
export type { FooterProps, HeaderProps, NavLink, RunPageSectionsProps } from "../core/site/componentProps.ts";
export type { Run } from "../core/run.ts";
