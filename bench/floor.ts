import { readFile } from "node:fs/promises";

/**
 * The floor the build's data work is compared with: read each file and parse every number with a
 * tight byte loop (digits, sign, point, exponent), no allocation per cell. Returns a checksum so
 * the work cannot be optimised away.
 */
export async function readAndParseFloor(files: readonly string[]): Promise<{ bytes: number; cells: number; checksum: number }> {
  let bytes = 0;
  let cells = 0;
  let checksum = 0;
  for (const f of files) {
    const buf = await readFile(f);
    bytes += buf.length;
    let i = 0;
    // Skip the header line.
    while (i < buf.length && buf[i] !== 10) i++;
    i++;
    while (i < buf.length) {
      let neg = false;
      let mant = 0;
      let scale = 0;
      let seenDot = false;
      let exp = 0;
      let c = buf[i]!;
      if (c === 45) {
        neg = true;
        i++;
      }
      for (; i < buf.length; i++) {
        c = buf[i]!;
        if (c >= 48 && c <= 57) {
          mant = mant * 10 + (c - 48);
          if (seenDot) scale++;
        } else if (c === 46) seenDot = true;
        else break;
      }
      if (c === 101 || c === 69) {
        i++;
        let eneg = false;
        if (buf[i] === 45) {
          eneg = true;
          i++;
        } else if (buf[i] === 43) i++;
        for (; i < buf.length; i++) {
          c = buf[i]!;
          if (c >= 48 && c <= 57) exp = exp * 10 + (c - 48);
          else break;
        }
        if (eneg) exp = -exp;
      }
      const v = mant * Math.pow(10, exp - scale);
      checksum += neg ? -v : v;
      cells++;
      i++; // the comma or newline
    }
  }
  return { bytes, cells, checksum };
}
