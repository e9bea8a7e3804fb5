/**
 * A minimal protocol-buffer wire-format reader. The importers need a handful of fields from a
 * handful of messages (W&B `Record`, TensorBoard `Event`), so each decodes its messages with a
 * `switch` over field numbers instead of pulling in a protobuf runtime and schema files. Unknown
 * fields are skipped, as protobuf requires. Malformed input throws `ProtoError` with the byte
 * offset (relative to the buffer given to the reader).
 */

export class ProtoError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const utf8 = new TextDecoder("utf-8");
const TWO_32 = 4294967296;

export class ProtoReader {
  pos: number;
  readonly buf: Uint8Array;
  readonly end: number;
  private view: DataView | null = null;

  constructor(buf: Uint8Array, start = 0, end = buf.length) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new ProtoError(`truncated protobuf: needs ${n} more byte(s)`, this.pos);
  }

  /** Reads a tag: field number and wire type. */
  tag(): { field: number; wire: number } {
    const at = this.pos;
    const t = this.varint();
    const field = Math.floor(t / 8);
    const wire = t % 8;
    if (field === 0 || (wire !== 0 && wire !== 1 && wire !== 2 && wire !== 5)) {
      throw new ProtoError(`invalid protobuf tag (field ${field}, wire type ${wire})`, at);
    }
    return { field, wire };
  }

  /** An unsigned varint as a number (exact up to 2^53). */
  varint(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError("truncated protobuf varint", start);
      const b = this.buf[this.pos++]!;
      if (shift < 28) lo |= (b & 0x7f) << shift;
      else if (shift === 28) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >>> 4;
      } else hi |= (b & 0x7f) << (shift - 32);
      shift += 7;
      if ((b & 0x80) === 0) return (hi >>> 0) * TWO_32 + (lo >>> 0);
    }
    throw new ProtoError("protobuf varint longer than 10 bytes", start);
  }

  /** A signed (two's-complement) int64/int32 varint as a number. */
  int64(): number {
    const start = this.pos;
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new ProtoError("truncated protobuf varint", start);
      const b = this.buf[this.pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return Number(BigInt.asIntN(64, v));
    }
    throw new ProtoError("protobuf varint longer than 10 bytes", start);
  }

  private dv(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }

  double(): number {
    this.need(8);
    const v = this.dv().getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4);
    const v = this.dv().getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** A length-delimited field's bytes (a view, not a copy). */
  bytes(): Uint8Array {
    const len = this.varint();
    this.need(len);
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** Start and end offsets of a length-delimited field, for a nested reader. */
  span(): { start: number; end: number } {
    const len = this.varint();
    this.need(len);
    const start = this.pos;
    this.pos += len;
    return { start, end: this.pos };
  }

  /** A reader over an embedded message (offsets stay relative to the same buffer). */
  message(): ProtoReader {
    const { start, end } = this.span();
    return new ProtoReader(this.buf, start, end);
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_I64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_LEN:
        this.span();
        return;
      case WIRE_I32:
        this.need(4);
        this.pos += 4;
        return;
      default:
        throw new ProtoError(`unsupported protobuf wire type ${wire}`, this.pos);
    }
  }

  /** Reads a repeated scalar field in either packed (LEN) or unpacked form. */
  repeated(wire: number, one: (r: ProtoReader) => number, out: number[]): void {
    if (wire === WIRE_LEN) {
      const r = this.message();
      while (!r.done()) out.push(one(r));
    } else out.push(one(this));
  }
}
