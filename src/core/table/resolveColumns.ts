/**
 * `columns:` of a `runs` block → resolved columns, once, with every default filled in:
 *
 *   - summary.val/loss                         a field path (header drops `config.`/`summary.`)
 *   - config.*  /  summary.val/*               a glob over the selected runs' flattened keys
 *   - lr: config.optimizer.lr                  a rename (one-key mapping)
 *   - { field: summary.val/acc, format: percent, digits: 3, unit: "%", label: val acc }
 *   - { sparkline: train/loss }                the metric's history as a tiny line
 */
import { didYouMean, type Diagnostic, type Message } from "../diagnostics.ts";
import { blockMessages } from "../blocks/messages.ts";
import { allFieldLabels, fieldsOfRuns, shortLabel } from "../query/fields.ts";
import { fieldLabel, getField, parseFieldPath, type FieldPath } from "../query/index.ts";
import { compileGlob } from "../query/compileGlob.ts";
import type { Run } from "../run.ts";
import type { ParsedYaml } from "../yaml/parseYamlWithPositions.ts";
import { regionDiagnostic, type TextRegion } from "../yaml/textRegion.ts";
import { columnUnit, FORMAT_KINDS, type ColumnFormat, type FormatKind } from "./formatCell.ts";
import { tableMessages } from "./messages.ts";

export interface ResolvedColumn {
  kind: "field" | "sparkline";
  /** Canonical field label (`summary.val/acc`), or the metric name of a sparkline. */
  key: string;
  /** Null for sparklines. */
  path: FieldPath | null;
  /** Header text without the unit. */
  label: string;
  /** Shown after the label: `val acc (%)`. */
  unit: string | null;
  format: ColumnFormat;
}

export interface ColumnSource {
  region: TextRegion;
  yaml: ParsedYaml;
}

export interface ResolvedColumns {
  columns: ResolvedColumn[];
  diagnostics: Diagnostic[];
}

const COLUMN_KEYS = ["field", "sparkline", "label", "format", "digits", "unit"] as const;
const GLOB_ROOTS: Record<string, "config" | "summary"> = { config: "config", params: "config", summary: "summary", metrics: "summary" };

export function resolveColumns(specs: readonly unknown[], runs: readonly Run[], src: ColumnSource): ResolvedColumns {
  const diagnostics: Diagnostic[] = [];
  const columns: ResolvedColumn[] = [];
  const fields = fieldsOfRuns(runs);
  const catalog = [...fields.config, ...fields.summary];
  const known = allFieldLabels(fields);
  const metrics = [...new Set(runs.flatMap((r) => r.metrics))];
  const report = (path: PropertyKey[], msg: Message, at: "key" | "value" = "value") =>
    diagnostics.push(regionDiagnostic(src.region, at === "key" ? src.yaml.locateKey(path) : src.yaml.locateValue(path), msg));
  const explicit = new Set<string>();
  const globs: { index: number; columns: ResolvedColumn[] }[] = [];

  specs.forEach((spec, i) => {
    const at: PropertyKey[] = ["columns", i];
    let field: string;
    let fieldAt = at;
    let label: string | undefined;
    let format: ColumnFormat = { kind: "auto" };
    let unit: string | undefined;

    if (typeof spec === "string") field = spec;
    else if (spec === null || typeof spec !== "object" || Array.isArray(spec)) {
      report(at, tableMessages.badColumn(Array.isArray(spec) ? "a list" : String(spec)));
      return;
    } else {
      const entries = Object.entries(spec as Record<string, unknown>);
      const isRename = entries.length === 1 && !(COLUMN_KEYS as readonly string[]).includes(entries[0]![0]);
      if (isRename) {
        const [name, value] = entries[0]!;
        if (typeof value !== "string") {
          report([...at, name], blockMessages.wrongType(`columns[${i}].${name}`, "a field path", value));
          return;
        }
        field = value;
        fieldAt = [...at, name];
        label = name;
      } else {
        let ok = true;
        for (const [k] of entries) {
          if (!(COLUMN_KEYS as readonly string[]).includes(k)) {
            report([...at, k], tableMessages.unknownColumnKey(k, didYouMean(k, COLUMN_KEYS), COLUMN_KEYS), "key");
            ok = false;
          }
        }
        const o = spec as Record<string, unknown>;
        for (const k of ["field", "sparkline", "label", "unit"] as const) {
          if (o[k] !== undefined && typeof o[k] !== "string") {
            report([...at, k], blockMessages.wrongType(`columns[${i}].${k}`, "text", o[k]));
            ok = false;
          }
        }
        if (o.format !== undefined && !(FORMAT_KINDS as readonly unknown[]).includes(o.format)) {
          const found = o.format;
          report([...at, "format"], blockMessages.badChoice(`columns[${i}].format`, found, FORMAT_KINDS, typeof found === "string" ? didYouMean(found, FORMAT_KINDS) : undefined));
          ok = false;
        }
        if (o.digits !== undefined && (typeof o.digits !== "number" || !Number.isInteger(o.digits) || o.digits < 1 || o.digits > 15)) {
          report([...at, "digits"], typeof o.digits === "number"
            ? blockMessages.outOfRange(`columns[${i}].digits`, "must be a whole number from 1 to 15", o.digits)
            : blockMessages.wrongType(`columns[${i}].digits`, "a number of significant digits", o.digits));
          ok = false;
        }
        if ((o.field === undefined) === (o.sparkline === undefined)) {
          report(at, tableMessages.fieldOrSparkline(o.field !== undefined));
          ok = false;
        }
        if (!ok) return;
        format = { kind: (o.format as FormatKind | undefined) ?? "auto", ...(o.digits !== undefined ? { digits: o.digits as number } : {}) };
        label = o.label as string | undefined;
        unit = o.unit as string | undefined;
        if (typeof o.sparkline === "string") {
          const metric = o.sparkline;
          if (!metrics.includes(metric)) {
            report([...at, "sparkline"], blockMessages.unknownMetric(metric, didYouMean(metric, metrics)));
            return;
          }
          if (format.kind === "auto") format = { kind: "number", ...(format.digits ? { digits: format.digits } : {}) };
          columns.push({ kind: "sparkline", key: metric, path: null, label: label ?? metric, unit: columnUnit(format, unit), format });
          return;
        }
        field = o.field as string;
        fieldAt = [...at, "field"];
      }
    }

    if (field.includes("*")) {
      const expanded = expandGlob(field, catalog);
      if ("error" in expanded) {
        report(fieldAt, expanded.error === "root" ? tableMessages.globRoot(field) : tableMessages.globNoMatch(field, didYouMean(field, known)));
        return;
      }
      if (label !== undefined) {
        report(typeof spec === "object" && spec !== null && "label" in spec ? [...at, "label"] : at, tableMessages.oneColumnOnly(label, field), "key");
        return;
      }
      const u = columnUnit(format, unit);
      globs.push({ index: columns.length, columns: expanded.paths.map((path) => ({ kind: "field", key: fieldLabel(path), path, label: shortLabel(path), unit: u, format })) });
      return;
    }
    const parsed = parseFieldPath(field);
    if (!parsed.ok) {
      const e = parsed.error;
      report(fieldAt, { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) });
      return;
    }
    if (!runs.some((r) => getField(r, parsed.path) !== undefined)) {
      report(fieldAt, blockMessages.unknownColumn(field, didYouMean(field, known)));
      return;
    }
    const key = fieldLabel(parsed.path);
    explicit.add(key);
    columns.push({ kind: "field", key, path: parsed.path, label: label ?? shortLabel(parsed.path), unit: columnUnit(format, unit), format });
  });

  // A glob skips fields listed explicitly anywhere in the block (and those an earlier glob took).
  const fresh = globs.map((g) => {
    const cols = g.columns.filter((c) => !explicit.has(c.key));
    for (const c of cols) explicit.add(c.key);
    return cols;
  });
  for (let g = globs.length - 1; g >= 0; g--) columns.splice(globs[g]!.index, 0, ...fresh[g]!);
  return { columns, diagnostics };
}

function expandGlob(glob: string, catalog: readonly FieldPath[]): { paths: FieldPath[] } | { error: "root" | "none" } {
  const dot = glob.indexOf(".");
  const root = dot > 0 ? GLOB_ROOTS[glob.slice(0, dot)] : undefined;
  if (root === undefined) return { error: "root" };
  const re = compileGlob(`${root}.${glob.slice(dot + 1)}`);
  const paths = catalog.filter((p) => p.root === root && re.test(fieldLabel(p)));
  return paths.length ? { paths } : { error: "none" };
}
