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
 * A copy of a JSON-like value in which every plain object has no prototype, walked without
 * recursion. Arrays stay arrays; other values are kept as they are.
 */
export function toOwnRecords(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const root: { v: unknown } = { v: undefined };
  const stack: { from: unknown; into: Record<string, unknown> | unknown[]; key: string | number }[] = [{ from: value, into: root as unknown as Record<string, unknown>, key: "v" }];
  while (stack.length > 0) {
    const { from, into, key } = stack.pop()!;
    let copy: unknown;
    if (Array.isArray(from)) {
      const arr: unknown[] = new Array(from.length);
      for (let k = from.length - 1; k >= 0; k--) {
        const item: unknown = from[k];
        if (item !== null && typeof item === "object") stack.push({ from: item, into: arr, key: k });
        else arr[k] = item;
      }
      copy = arr;
    } else if (from !== null && typeof from === "object" && !ArrayBuffer.isView(from)) {
      const obj = ownRecord();
      for (const k of Object.keys(from)) {
        const item = (from as Record<string, unknown>)[k];
        setOwn(obj, k, item);
        if (item !== null && typeof item === "object") stack.push({ from: item, into: obj, key: k });
      }
      copy = obj;
    } else copy = from;
    if (typeof key === "number") (into as unknown[])[key] = copy;
    else setOwn(into as Record<string, unknown>, key, copy);
  }
  return root.v;
}

/**
 * The path to the first value (in document order) nested deeper than `limit` containers, or null.
 * Objects and arrays count one level each; the outermost value is level 1.
 */
export function findTooDeep(value: unknown, limit: number): (string | number)[] | null {
  if (value === null || typeof value !== "object") return null;
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (path.length + 1 > limit) return path;
    const nested = (child: unknown): boolean => child !== null && typeof child === "object" && !ArrayBuffer.isView(child);
    if (Array.isArray(v)) {
      for (let k = v.length - 1; k >= 0; k--) if (nested(v[k])) stack.push({ v: v[k], path: [...path, k] });
    } else {
      const keys = Object.keys(v as object);
      for (let k = keys.length - 1; k >= 0; k--) {
        const child = (v as Record<string, unknown>)[keys[k]!];
        if (nested(child)) stack.push({ v: child, path: [...path, keys[k]!] });
      }
    }
  }
  return null;
}

/**
 * How deep nested objects and lists may go in a run file, a JSON line or report YAML. Real
 * configs (Hydra, W&B, Keras) nest under 15 levels; 100 leaves room for any of them while keeping
 * every recursive consumer (schema checks, serialisers, the content store) far from the stack.
 */
export const MAX_NESTING = 100;
