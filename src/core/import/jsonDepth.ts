/**
 * How deeply `value` nests arrays and objects, counted without recursion and stopping past
 * `limit`. The importers walk values recursively (flattening summaries, cleaning config), so a
 * file nested 50,000 levels deep is refused up front instead of overflowing the stack.
 */
export const MAX_JSON_DEPTH = 200;

export function exceedsDepth(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth >= limit) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) if (x !== null && typeof x === "object") stack.push({ v: x, depth: depth + 1 });
  }
  return false;
}
