/**
 * A JSON value stored with its long strings out of line: `[meta length: u32 LE][meta JSON][texts]`,
 * where each string longer than `LONG_TEXT` is replaced in the meta by `{"\u0000text": [start, end]}`,
 * its UTF-8 bytes' place among the texts. Read back, each long string is decoded once, straight
 * from the entry's bytes. Stored as plain JSON it was decoded twice (the whole text, then
 * JSON.parse's copy of each string): a run page's charts are ~40 KB of SVG, and those copies, alive
 * across a scavenge while the page rendered, were promoted by the hundred megabytes at 10,000 runs
 * (docs/performance.md).
 */

const LONG_TEXT = 1024;
/** No result of Runfolio has a key with a NUL character: the placeholder cannot be a value's own. */
const REF = "\u0000text";

/** The payload's pieces (not joined), for `DiskCache.set`. Throws on a value with a key `REF` (a programming error). */
export function encodeJsonWithTexts(value: unknown): Uint8Array[] {
  const texts: Buffer[] = [];
  let offset = 0;
  const meta = JSON.stringify(value, (_key: string, v: unknown) => {
    if (typeof v === "string" && v.length > LONG_TEXT) {
      const bytes = Buffer.from(v, "utf8");
      texts.push(bytes);
      offset += bytes.length;
      return { [REF]: [offset - bytes.length, offset] };
    }
    if (v !== null && typeof v === "object" && Object.hasOwn(v, REF)) throw new Error(`a cached JSON value has the reserved key ${JSON.stringify(REF)}`);
    return v;
  });
  const metaBytes = Buffer.from(meta, "utf8");
  const head = Buffer.alloc(4);
  head.writeUInt32LE(metaBytes.length, 0);
  return [head, metaBytes, ...texts];
}

/** The value, or null when the payload is not one `encodeJsonWithTexts` wrote (bad lengths, bad JSON, a place outside the texts). */
export function decodeJsonWithTexts(payload: Buffer): unknown {
  if (payload.length < 4) return null;
  const textsStart = 4 + payload.readUInt32LE(0);
  if (textsStart > payload.length) return null;
  const textsLength = payload.length - textsStart;
  let bad = false;
  let value: unknown;
  try {
    value = JSON.parse(payload.toString("utf8", 4, textsStart), (_key, v: unknown) => {
      if (v === null || typeof v !== "object" || !Object.hasOwn(v, REF)) return v;
      const place = (v as Record<string, unknown>)[REF];
      if (!Array.isArray(place) || place.length !== 2 || !place.every((n) => Number.isSafeInteger(n)) || !(0 <= place[0] && place[0] <= place[1] && place[1] <= textsLength)) {
        bad = true;
        return null;
      }
      return payload.toString("utf8", textsStart + (place[0] as number), textsStart + (place[1] as number));
    }) as unknown;
  } catch {
    return null;
  }
  return bad ? null : value;
}
