/**
 * Text built as ASCII bytes and decoded once. Writing a long run of numbers (an SVG path's
 * coordinates) this way costs a fraction of a string per number and their concatenation. No DOM, no Node APIs: the build and the browser both use it.
 */
export class AsciiText {
  private bytes: Uint8Array;
  private length = 0;

  /** `capacity`: the expected length, when known (growing copies what was written). */
  constructor(capacity = 1024) {
    this.bytes = new Uint8Array(Math.max(16, capacity));
  }

  /** Appends one character code (< 128). */
  char(code: number): void {
    if (this.length === this.bytes.length) this.grow(1);
    this.bytes[this.length++] = code;
  }

  /** Appends an integer in decimal (`-` for negatives; −0 as `0`). */
  integer(n: number): void {
    if (n < 0) {
      this.char(45);
      n = -n;
    }
    if (n > 0x7fffffff) {
      // Beyond int32 (rare: large deltas) the string form is exact and simple.
      const s = String(n);
      for (let i = 0; i < s.length; i++) this.char(s.charCodeAt(i));
      return;
    }
    let m = n | 0;
    let end = this.length;
    do {
      end++;
      m = (m / 10) | 0;
    } while (m > 0);
    if (end > this.bytes.length) this.grow(end - this.length);
    const b = this.bytes;
    this.length = end;
    m = n | 0;
    do {
      const q = (m / 10) | 0;
      b[--end] = 48 + m - q * 10;
      m = q;
    } while (m > 0);
  }

  toString(): string {
    return ascii.decode(this.bytes.subarray(0, this.length));
  }

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

const ascii = new TextDecoder();
