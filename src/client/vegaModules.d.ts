// vega's sub-packages ship no type declarations; the two used by name take vega's own types.
declare module "vega-parser" {
  export { parse } from "vega";
}
declare module "vega-view" {
  export { View } from "vega";
}
declare module "vega-dataflow" {
  export const transforms: Record<string, unknown>;
}
declare module "vega-encode";
declare module "vega-regression";
declare module "vega-transforms";
declare module "vega-view-transforms";
declare module "vega-voronoi";
