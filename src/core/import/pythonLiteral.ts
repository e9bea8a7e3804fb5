/**
 * Reads a Python literal as data — what `str(dict)` writes into CSV cells (`{'runtime': 353}`,
 * `[64, 128]`, `('a', 1)`, `None`, `True`, `nan`, `inf`). A small recursive-descent parser: it
 * never evaluates anything, and returns undefined for text that is not a plain literal (an object
 * repr like `<Foo at 0x…>`, a call), so the caller can keep the text as it is. JSON's `null`,
 * `true` and `false` are read too.
 */
export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

export function parsePythonLiteral(text: string): PythonValue | undefined {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new SyntaxError("not a Python literal");
  };
  const str = (): string => {
    const q = text[i]!;
    i++;
    let out = "";
    while (i < n && text[i] !== q) {
      if (text[i] === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', "0": "\0" };
        if (e === undefined) fail();
        if (e! in simple) {
          out += simple[e!];
          i += 2;
        } else if (e === "x" && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
          i += 4;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += "\\";
          i++;
        }
      } else out += text[i++];
    }
    if (i >= n) fail();
    i++;
    return out;
  };
  const seq = (close: string): PythonValue[] => {
    i++;
    const out: PythonValue[] = [];
    ws();
    while (text[i] !== close) {
      out.push(value());
      ws();
      if (text[i] === ",") {
        i++;
        ws();
      } else if (text[i] !== close) fail();
    }
    i++;
    return out;
  };
  const dict = (): { [key: string]: PythonValue } => {
    i++;
    const out: { [key: string]: PythonValue } = {};
    ws();
    while (text[i] !== "}") {
      const k = value();
      if (typeof k === "object" && k !== null) fail();
      ws();
      if (text[i] !== ":") fail();
      i++;
      Object.defineProperty(out, String(k), { value: value(), enumerable: true, writable: true, configurable: true });
      ws();
      if (text[i] === ",") {
        i++;
        ws();
      } else if (text[i] !== "}") fail();
    }
    i++;
    return out;
  };
  const value = (): PythonValue => {
    ws();
    const c = text[i];
    if (c === undefined) return fail();
    if (c === "{") return dict();
    if (c === "[") return seq("]");
    if (c === "(") return seq(")");
    if (c === "'" || c === '"') return str();
    const m = /^(?:None|True|False|null|true|false|-?(?:nan|inf)\b|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!m) return fail();
    i += m[0].length;
    const t = m[0];
    // JSON's spellings too: a W&B cell is sometimes JSON rather than a Python repr.
    if (t === "None" || t === "null") return null;
    if (t === "True" || t === "False" || t === "true" || t === "false") return t === "True" || t === "true";
    if (/nan$/.test(t)) return NaN;
    if (/inf$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
    const n = Number(t);
    // Python ints are exact at any size; one past 2^53 is kept as its digits rather than rounded.
    return !Number.isSafeInteger(n) && /^[-+]?\d+$/.test(t) ? t : n;
  };
  try {
    const v = value();
    ws();
    return i === n ? v : undefined;
  } catch {
    return undefined;
  }
}
