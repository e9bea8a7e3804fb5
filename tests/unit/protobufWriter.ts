/** Protobuf wire-format writing for tests that build `.wandb` and TensorBoard files in memory. */
const enc = new TextEncoder();

export function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, BigInt(n));
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) b |= 0x80;
    out.push(b);
  } while (v !== 0n);
  return out;
}

/** A length-delimited field (wire type 2): a string, bytes or an encoded sub-message. */
export function lengthField(no: number, payload: Uint8Array | string | number[]): number[] {
  const bytes = typeof payload === "string" ? [...enc.encode(payload)] : [...payload];
  return [...varint(no * 8 + 2), ...varint(bytes.length), ...bytes];
}

/** A varint field (wire type 0). */
export function varintField(no: number, n: number): number[] {
  return [...varint(no * 8), ...varint(n)];
}
