/**
 * `obj[key] = value` for keys that come from user files. A plain assignment to `__proto__`
 * replaces the object's prototype instead of adding a key, so a metric or column named
 * `__proto__` would vanish (and the object would change behaviour); defining the property keeps it.
 */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
