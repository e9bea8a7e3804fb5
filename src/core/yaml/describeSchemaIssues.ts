import type { z } from "zod";

/** A schema problem in words a report author understands, before it becomes a diagnostic. */
export type SchemaProblem =
  | { kind: "unknownKey"; path: PropertyKey[]; key: string; known: string[] }
  | { kind: "missingKey"; path: PropertyKey[]; key: string }
  | { kind: "wrongType"; path: PropertyKey[]; key: string; expected: string; found: unknown }
  | { kind: "badChoice"; path: PropertyKey[]; key: string; options: string[]; found: unknown }
  | { kind: "outOfRange"; path: PropertyKey[]; key: string; detail: string; found: unknown };

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

/** Dotted display name of a path: `scale.y`, `columns[2]`. */
export function pathLabel(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${String(seg)}` : String(seg)),
    "",
  );
}

type SchemaNode = { shape?: Record<string, unknown>; element?: unknown; options?: readonly unknown[] };

/** The object schema at `path`, through optional wrappers, list items and union branches. */
function keysOfObjectSchemaAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const objectOf = (s: unknown): SchemaNode | undefined => {
    const node = unwrap(s) as SchemaNode | undefined;
    return node?.shape ? node : node?.options?.map(objectOf).find((o) => o !== undefined);
  };
  let s: unknown = schema;
  for (const seg of path) {
    const node = unwrap(s) as SchemaNode | undefined;
    if (typeof seg === "number") {
      s = node?.element ?? node?.options?.map((o) => (unwrap(o) as SchemaNode | undefined)?.element).find((e) => e !== undefined);
    } else {
      const shape = objectOf(s)?.shape;
      if (!shape) return [];
      s = shape[seg as string];
    }
    if (s === undefined) return [];
  }
  const shape = objectOf(s)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { unwrap?: () => unknown; def?: { innerType?: unknown; type?: string } } | undefined;
  for (let i = 0; i < 8 && cur; i++) {
    const inner = cur.def?.innerType;
    if (inner) cur = inner as typeof cur;
    else break;
  }
  return cur;
}

/**
 * Turn zod issues into `SchemaProblem`s, one per offending place. Unions report the branch
 * closest to the input's type, so `y: 3` says "a metric name or a list", not two errors.
 */
export function describeSchemaIssues(schema: z.ZodType, input: unknown, issues: readonly z.core.$ZodIssue[]): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const issue of issues) {
    const path = issue.path as PropertyKey[];
    const key = pathLabel(path);
    const found = valueAt(input, path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const k of issue.keys) {
          out.push({ kind: "unknownKey", path: [...path, k], key: k, known: keysOfObjectSchemaAt(schema, path) });
        }
        break;
      case "invalid_type":
        if (found === undefined) out.push({ kind: "missingKey", path, key });
        else out.push({ kind: "wrongType", path, key, expected: article(issue.expected), found });
        break;
      case "invalid_value":
        if (found === undefined) out.push({ kind: "missingKey", path, key });
        else out.push({ kind: "badChoice", path, key, options: issue.values.map(String), found });
        break;
      case "invalid_union": {
        if (found === undefined) {
          out.push({ kind: "missingKey", path, key });
          break;
        }
        // A branch of the value's own shape (a list for a list, a mapping for a mapping) says
        // which part is wrong: `y[1]` must be a string, `smooth.window` must be an int.
        const inner = issue.errors.find((branch) => branch.length > 0 && !branch.some((i) => i.path.length === 0 && i.code === "invalid_type"));
        if (inner) {
          out.push(...describeSchemaIssues(schema, input, inner.map((i) => ({ ...i, path: [...path, ...i.path] }) as z.core.$ZodIssue)));
          break;
        }
        out.push({
          kind: "wrongType",
          path,
          key,
          expected: issue.message && !issue.message.startsWith("Invalid") ? issue.message : "a different kind of value",
          found,
        });
        break;
      }
      case "too_small":
      case "too_big": {
        const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const what =
          issue.origin === "array"
            ? `must have at ${issue.code === "too_small" ? "least" : "most"} ${String(bound)} item(s)`
            : `must be ${issue.code === "too_small" ? "at least" : "at most"} ${String(bound)}`;
        out.push({ kind: "outOfRange", path, key, detail: what, found });
        break;
      }
      default:
        out.push({ kind: "outOfRange", path, key, detail: issue.message, found });
    }
  }
  return out;
}
