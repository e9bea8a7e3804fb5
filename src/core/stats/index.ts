/** Statistics over run sets: single values for prose, parameter importance for sweeps. */
export { computeScalar, SCALAR_REDUCES, type ScalarInput, type ScalarReduce, type ScalarResult } from "./scalar.ts";
export {
  parameterImportance,
  pearson,
  type ConfigValue,
  type ImportanceOptions,
  type ImportanceRow,
  type ParameterImportance,
} from "./importance.ts";
export { mulberry32 } from "./random.ts";
