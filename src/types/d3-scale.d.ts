// d3-scale ships no type declarations; the line chart frame uses these parts of it.
declare module "d3-scale" {
  interface ContinuousScale<D> {
    (value: D): number;
    domain(): D[];
    domain(values: readonly (D | number)[]): this;
    range(values: readonly number[]): this;
    ticks(count?: number): D[];
    tickFormat(count?: number, specifier?: string): (value: D) => string;
    nice(count?: number): this;
  }
  export function scaleLinear(): ContinuousScale<number>;
  export function scaleLog(): ContinuousScale<number>;
  export function scaleUtc(): ContinuousScale<Date>;
}
