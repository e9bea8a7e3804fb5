/**
 * A copy of a TrueType font that keeps every table, glyph id, metric, kerning pair and
 * substitution of the original but the outlines of only the glyphs `keep` asks for (by code
 * point) and those the font's substitutions (GSUB) and composite glyphs can reach from them;
 * every other glyph is empty, and `post` loses its glyph names. Text made only of kept code
 * points is shaped and drawn exactly as with the original. Why: resvg-js re-reads the whole font
 * file for every glyph it outlines, so a card's cost grows with the file's size (DejaVu Sans:
 * 760 KB, three quarters outlines of scripts a run name rarely uses).
 */
interface Table {
  tag: string;
  offset: number;
  length: number;
}

export function trimFont(font: Uint8Array, keep: (codePoint: number) => boolean): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, Table>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(at, at + 4));
    tables.set(tag, { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  const need = (tag: string): Table => {
    const t = tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t;
  };
  const longLoca = view.getInt16(need("head").offset + 50) === 1;
  const glyphCount = view.getUint16(need("maxp").offset + 4);
  const loca = need("loca");
  const glyphStart = (g: number): number => (longLoca ? view.getUint32(loca.offset + 4 * g) : view.getUint16(loca.offset + 2 * g) * 2);

  const kept = new Set<number>([0]);
  for (const [codePoint, glyph] of cmapOf(view, need("cmap").offset)) if (keep(codePoint)) kept.add(glyph);
  const gsub = tables.get("GSUB");
  if (gsub) closeOverSubstitutions(view, gsub.offset, kept);
  closeOverComponents(view, need("glyf").offset, glyphStart, kept);

  const glyf = need("glyf");
  const pieces: Uint8Array[] = [];
  const starts: number[] = [];
  let size = 0;
  for (let g = 0; g < glyphCount; g++) {
    starts.push(size);
    if (!kept.has(g)) continue;
    const bytes = font.subarray(glyf.offset + glyphStart(g), glyf.offset + glyphStart(g + 1));
    // Short offsets count 2-byte words: each glyph starts on an even byte (long: a 4-byte boundary).
    const unit = longLoca ? 4 : 2;
    const padded = Math.ceil(bytes.length / unit) * unit;
    const piece = new Uint8Array(padded);
    piece.set(bytes);
    pieces.push(piece);
    size += padded;
  }
  starts.push(size);
  const newGlyf = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    newGlyf.set(p, at);
    at += p.length;
  }
  const newLoca = new Uint8Array((glyphCount + 1) * (longLoca ? 4 : 2));
  const locaView = new DataView(newLoca.buffer);
  starts.forEach((s, g) => (longLoca ? locaView.setUint32(4 * g, s) : locaView.setUint16(2 * g, s / 2)));
  const post = tables.get("post");
  const replaced = new Map<string, Uint8Array>([
    ["glyf", newGlyf],
    ["loca", newLoca],
  ]);
  if (post && post.length >= 32) {
    const header = new Uint8Array(font.subarray(post.offset, post.offset + 32));
    new DataView(header.buffer).setUint32(0, 0x00030000); // version 3: no glyph names
    replaced.set("post", header);
  }
  return writeFont(font, view.getUint32(0), [...tables.values()], replaced);
}

function writeFont(font: Uint8Array, version: number, tables: Table[], replaced: Map<string, Uint8Array>): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const bodies = sorted.map((t) => replaced.get(t.tag) ?? font.subarray(t.offset, t.offset + t.length));
  const headerSize = 12 + 16 * sorted.length;
  const total = headerSize + bodies.reduce((n, b) => n + align4(b.length), 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, version);
  view.setUint16(4, sorted.length);
  const power = 2 ** Math.floor(Math.log2(sorted.length));
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, sorted.length * 16 - power * 16);
  let offset = headerSize;
  let headAt = -1;
  sorted.forEach((t, i) => {
    const body = bodies[i]!;
    out.set(body, offset);
    if (t.tag === "head") {
      headAt = offset;
      view.setUint32(offset + 8, 0); // checkSumAdjustment, set below
    }
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[record + k] = t.tag.charCodeAt(k);
    view.setUint32(record + 4, checksum(out, offset, body.length));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, body.length);
    offset += align4(body.length);
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
  return out;
}

const align4 = (n: number): number => (n + 3) & ~3;

function checksum(bytes: Uint8Array, offset: number, length: number): number {
  let sum = 0;
  const end = offset + align4(length);
  for (let i = offset; i < end; i += 4) sum = (sum + (((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0))) >>> 0;
  return sum;
}

/** Code point → glyph from the Unicode subtables (formats 4 and 12). */
export function cmapOf(view: DataView, cmap: number): Map<number, number> {
  const map = new Map<number, number>();
  const count = view.getUint16(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const sub = cmap + view.getUint32(cmap + 8 + 8 * i);
    if (platform !== 0 && platform !== 3) continue;
    const format = view.getUint16(sub);
    if (format === 4) {
      const segments = view.getUint16(sub + 6) / 2;
      const ends = sub + 14;
      const startsAt = ends + 2 * segments + 2;
      const deltas = startsAt + 2 * segments;
      const ranges = deltas + 2 * segments;
      for (let s = 0; s < segments; s++) {
        const end = view.getUint16(ends + 2 * s);
        const start = view.getUint16(startsAt + 2 * s);
        const delta = view.getInt16(deltas + 2 * s);
        const range = view.getUint16(ranges + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let g = range === 0 ? (c + delta) & 0xffff : view.getUint16(ranges + 2 * s + range + 2 * (c - start));
          if (range !== 0 && g !== 0) g = (g + delta) & 0xffff;
          if (g !== 0) map.set(c, g);
        }
      }
    } else if (format === 12) {
      const groups = view.getUint32(sub + 12);
      for (let k = 0; k < groups; k++) {
        const at = sub + 16 + 12 * k;
        const start = view.getUint32(at);
        const end = view.getUint32(at + 4);
        for (let c = start; c <= end; c++) map.set(c, view.getUint32(at + 8) + (c - start));
      }
    }
  }
  return map;
}

function coverage(view: DataView, at: number): number[] {
  const format = view.getUint16(at);
  const count = view.getUint16(at + 2);
  const glyphs: number[] = [];
  if (format === 1) for (let i = 0; i < count; i++) glyphs.push(view.getUint16(at + 4 + 2 * i));
  else
    for (let i = 0; i < count; i++) {
      const r = at + 4 + 6 * i;
      for (let g = view.getUint16(r); g <= view.getUint16(r + 2); g++) glyphs.push(g);
    }
  return glyphs;
}

/**
 * Adds every glyph a single, multiple, alternate or ligature substitution can put out for a
 * kept glyph (a ligature for its first glyph: more than needed, never less), until nothing new.
 */
function closeOverSubstitutions(view: DataView, gsub: number, kept: Set<number>): void {
  const list = gsub + view.getUint16(gsub + 8);
  const subtables: [number, number][] = [];
  for (let l = 0; l < view.getUint16(list); l++) {
    const lookup = list + view.getUint16(list + 2 + 2 * l);
    const type = view.getUint16(lookup);
    for (let s = 0; s < view.getUint16(lookup + 4); s++) {
      let sub = lookup + view.getUint16(lookup + 6 + 2 * s);
      let subType = type;
      if (type === 7) {
        subType = view.getUint16(sub + 2);
        sub += view.getUint32(sub + 4);
      }
      if (subType >= 1 && subType <= 4) subtables.push([subType, sub]);
    }
  }
  for (let before = -1; before !== kept.size; ) {
    before = kept.size;
    for (const [type, sub] of subtables) {
      const format = view.getUint16(sub);
      const covered = coverage(view, sub + view.getUint16(sub + 2));
      covered.forEach((glyph, i) => {
        if (!kept.has(glyph)) return;
        if (type === 1) kept.add(format === 1 ? (glyph + view.getInt16(sub + 4)) & 0xffff : view.getUint16(sub + 6 + 2 * i));
        else {
          const set = sub + view.getUint16(sub + 6 + 2 * i);
          if (type === 2 || type === 3) for (let k = 0; k < view.getUint16(set); k++) kept.add(view.getUint16(set + 2 + 2 * k));
          else for (let k = 0; k < view.getUint16(set); k++) kept.add(view.getUint16(set + view.getUint16(set + 2 + 2 * k)));
        }
      });
    }
  }
}

/** Adds the glyphs composite glyphs are made of. */
function closeOverComponents(view: DataView, glyf: number, glyphStart: (g: number) => number, kept: Set<number>): void {
  const queue = [...kept];
  while (queue.length) {
    const g = queue.pop()!;
    const start = glyphStart(g);
    if (glyphStart(g + 1) === start || view.getInt16(glyf + start) >= 0) continue;
    let at = glyf + start + 10;
    for (let more = true; more; ) {
      const flags = view.getUint16(at);
      const component = view.getUint16(at + 2);
      if (!kept.has(component)) {
        kept.add(component);
        queue.push(component);
      }
      at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
      more = (flags & 0x0020) !== 0;
    }
  }
}
