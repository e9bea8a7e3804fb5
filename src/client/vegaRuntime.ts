/**
 * The slice of vega the charts run on: the view, the spec parser and the transforms that
 * compiled vega-lite specs use (including voronoi for `nearest` selections and regression/loess
 * for raw vega-lite blocks). Leaving out geo, force, hierarchy, word clouds, labels and
 * crossfilter keeps the chart chunk under 200 KB gzipped; a spec needing one of them fails to
 * hydrate and keeps its static SVG (with a message).
 */
import { transforms } from "vega-dataflow";
import * as encode from "vega-encode";
import * as regression from "vega-regression";
import * as tx from "vega-transforms";
import { extend } from "vega-util";
import * as vtx from "vega-view-transforms";
import * as voronoi from "vega-voronoi";

extend(transforms, tx, vtx, encode, voronoi, regression);

export { parse } from "vega-parser";
export { View } from "vega-view";
