/**
 * Numbers a run file writes that a double cannot hold as written: whole numbers past 2^53 whose
 * digits change when read (`12345678901234567890` → `12345678901234567000`, a seed or a hash),
 * and literals too large to be finite (`1e999` → null in config). The value is kept as read, with
 * a warning that shows both, so a changed config value is never shown without a word.
 */
import type { JsonPath } from "./parseJsonWithPositions.ts";

/** A cheap test of a whole text: false means it holds no number that can be read inexactly. */
export function mayHoldInexactNumbers(text: string): boolean {
  return /\d{16}|[eE]\+?\d{3}/.test(text);
}

/**
 * How `literal` (a number as written) is read, when that is not what it says: the double's
 * digits for a whole number that changed, "null" for a finite-looking literal that overflowed.
 */
export function inexactReading(literal: string, value: number): string | undefined {
  const t = literal.trim();
  if (!/^[-+]?\d/.test(t)) return undefined;
  if (!Number.isFinite(value)) return "null";
  if (Number.isSafeInteger(value) || !Number.isInteger(value) || !/^[-+]?\d+$/.test(t)) return undefined;
  // Shown as pages show it (String), which may differ from the double's exact digits.
  return BigInt(t) === BigInt(value) ? undefined : String(value);
}

/** Paths (under `root`) of every number in `value` that `inexactReading` should look at, in document order. */
export function suspectNumberPaths(value: unknown, root: JsonPath): JsonPath[] {
  const out: JsonPath[] = [];
  const stack: { v: unknown; path: JsonPath }[] = [{ v: value, path: root }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (typeof v === "number") {
      if (!Number.isSafeInteger(v) && (Number.isInteger(v) || !Number.isFinite(v))) out.push(path);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, i] });
    } else if (v !== null && typeof v === "object") {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ v: (v as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!] });
    }
  }
  return out;
}
