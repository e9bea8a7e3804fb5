import { compareText } from "../format/compareText.ts";
import { ownRecord } from "../ownRecord.ts";

/**
 * JSON with object keys in code-point order at every level, so the same data gives the same
 * bytes (CI diffs builds). Non-finite numbers become `null`: gaps stay gaps, never zeros.
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(sortKeys);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>, sortKeys);
  if (value !== null && typeof value === "object") {
    // Without a prototype, a key named `__proto__` is written like any other.
    const out = ownRecord();
    for (const key of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
