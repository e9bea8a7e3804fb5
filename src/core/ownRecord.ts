/**
 * Objects keyed by user-written names (config keys, metric names, YAML keys). They have no
 * prototype, so a key named `__proto__`, `constructor` or `prototype` is ordinary data: writing it
 * never reaches `Object.prototype`, and reading an absent key never finds an inherited member.
 */

/** A new empty object without a prototype. */
export function ownRecord<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `obj[key]` when `obj` has that key as its own property, else undefined. */
export function ownValue<T>(obj: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets `obj[key] = value` as an own property, whatever the object's prototype. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A JSON-like value with every plain object replaced by a copy without a prototype, walked without
 * recursion. Arrays are updated in place (the value is the caller's own, fresh from a parser);
 * other values are kept as they are. Undefined when the value nests deeper than `limit` levels.
 * With `counts`, adds the number of object keys seen to `counts.keys`.
 */
export function toOwnRecords(value: unknown, limit = Infinity, counts?: { keys: number }): unknown {
  if (value === null || typeof value !== "object") return value;
  const root = [value];
  const stack: { into: Record<string, unknown> | unknown[]; key: string | number; depth: number }[] = [{ into: root, key: 0, depth: 1 }];
  while (stack.length > 0) {
    const { into, key, depth } = stack.pop()!;
    const from = (into as Record<string | number, unknown>)[key];
    if (from === null || typeof from !== "object" || ArrayBuffer.isView(from)) continue;
    if (depth > limit) return undefined;
    if (Array.isArray(from)) {
      for (let k = from.length - 1; k >= 0; k--) {
        const item: unknown = from[k];
        if (item !== null && typeof item === "object") stack.push({ into: from, key: k, depth: depth + 1 });
      }
      continue;
    }
    const obj = ownRecord();
    const keys = Object.keys(from);
    if (counts) counts.keys += keys.length;
    for (const k of keys) {
      const item = (from as Record<string, unknown>)[k];
      setOwn(obj, k, item);
      if (item !== null && typeof item === "object") stack.push({ into: obj, key: k, depth: depth + 1 });
    }
    if (typeof key === "number") (into as unknown[])[key] = obj;
    else setOwn(into as Record<string, unknown>, key, obj);
  }
  return root[0];
}

/**
 * How deep nested objects and lists may go in a run file, a JSON line or report YAML. Real
 * configs (Hydra, W&B, Keras) nest under 15 levels; 100 leaves room for any of them while keeping
 * every recursive consumer (schema checks, serialisers, the content store) far from the stack.
 */
export const MAX_NESTING = 100;
