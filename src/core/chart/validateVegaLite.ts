import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import schema from "vega-lite/vega-lite-schema.json" with { type: "json" };

export interface VegaLiteProblem {
  /** Path of the offending value in the spec (`["encoding", "x", "type"]`). */
  path: (string | number)[];
  message: string;
}

let validator: ValidateFunction | undefined;

/**
 * Check a spec against the pinned vega-lite JSON schema (vega-lite's own compiler trusts its
 * input and fails with a TypeError on nonsense). Of the many errors a union produces, the deepest
 * one names the real mistake best; one problem is returned, or null for a valid spec.
 */
export function validateVegaLite(spec: unknown): VegaLiteProblem | null {
  validator ??= new Ajv({ strict: false, allErrors: true, allowUnionTypes: true, validateFormats: false }).compile(schema);
  if (validator(spec)) return null;
  const errors = validator.errors ?? [];
  const best = errors.reduce<ErrorObject | undefined>((a, e) => (!a || depth(e) > depth(a) ? e : a), undefined);
  if (!best) return { path: [], message: "the spec does not match vega-lite's schema" };
  const path = best.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const allowed = (best.params as { allowedValues?: unknown[] }).allowedValues;
  const extra = (best.params as { additionalProperty?: string }).additionalProperty;
  const where = path.length ? `\`${path.join(".")}\`` : "the spec";
  let message = `${where} ${best.message ?? "is invalid"}`;
  if (allowed) message = `${where} must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}`;
  if (extra) message = `${where} has an unknown property \`${extra}\``;
  return { path: extra ? [...path, extra] : path, message };
}

function depth(e: ErrorObject): number {
  return e.instancePath.split("/").length * 10 + (e.keyword === "enum" || e.keyword === "additionalProperties" ? 1 : 0);
}
