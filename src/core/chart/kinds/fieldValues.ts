import { blockMessages } from "../../blocks/messages.ts";
import { formatValue } from "../../format/formatValue.ts";
import { fieldLabel, getField, type FieldPath } from "../../query/index.ts";
import type { Run } from "../../run.ts";
import { regionDiagnostic } from "../../yaml/textRegion.ts";
import type { KindRenderArgs } from "./chartKind.ts";

/** The finite numbers of a field over the drawn runs; runs where it is another value are a warning at `key`. */
export function numbersOf(args: KindRenderArgs<unknown>, path: FieldPath, key: string): { run: Run; value: number }[] {
  const out: { run: Run; value: number }[] = [];
  const bad: string[] = [];
  // Called only once a field resolved, which needs the runs.
  for (const run of args.runs ?? []) {
    const v = getField(run, path);
    if (typeof v === "number" && Number.isFinite(v)) out.push({ run, value: v });
    else if (v !== undefined && v !== null) bad.push(run.name);
  }
  if (bad.length) args.diagnostics.push(regionDiagnostic(args.block.region, args.block.yaml.locateValue([key]), blockMessages.notNumeric(fieldLabel(path), bad), "warning"));
  return out;
}

/** `config.optimizer.lr` → `optimizer.lr`: legends and axes name the key, not its root. */
export const shortLabel = (path: FieldPath): string => fieldLabel(path).replace(/^(config|summary)\./, "");

export const scalarOf = (v: unknown): number | string | null =>
  typeof v === "number" ? (Number.isFinite(v) ? v : null) : v === undefined || v === null ? null : typeof v === "string" ? v : formatValue(v);
export const numberOf = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
