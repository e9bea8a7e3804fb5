/** The vega runtime and its expression interpreter, fetched once on first need and shared. */
let runtime: Promise<Runtime> | undefined;

export interface Runtime {
  vega: typeof import("./vegaRuntime.ts");
  expressionInterpreter: typeof import("vega-interpreter").expressionInterpreter;
}

export function loadRuntime(): Promise<Runtime> {
  runtime ??= Promise.all([import("./vegaRuntime.ts"), import("vega-interpreter")]).then(([vega, interpreter]) => ({
    vega,
    expressionInterpreter: interpreter.expressionInterpreter,
  }));
  return runtime;
}
