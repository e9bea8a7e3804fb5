/**
 * Reads a Python literal as data — what `str(dict)` writes into CSV cells (`{'runtime': 353}`,
 * `[64, 128]`, `('a', 1)`, `None`, `True`, `nan`, `inf`). A small recursive-descent parser: it
 * never evaluates anything. Inside a literal, a call (`np.float64(0.5)`, `datetime.datetime(…)`),
 * an object repr (`<Foo at 0x…>`) or bytes (`b'…'`) is one value: a NumPy scalar its number, the
 * others their text; text that is not a literal at all gives undefined, so the caller can keep it
 * as it is. JSON's `null`, `true`, `false`, and Python's JSON `NaN` and `Infinity`, are read too.
 */
export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

export function parsePythonLiteral(text: string): PythonValue | undefined {
  let i = 0;
  let depth = 0;
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
    depth++;
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
    depth--;
    return out;
  };
  const dict = (): { [key: string]: PythonValue } => {
    i++;
    depth++;
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
    depth--;
    return out;
  };
  /** The text from `i` to the bracket that closes the one just opened, skipping quoted text. */
  const balanced = (open: string, close: string): string => {
    const start = i;
    let depth = 0;
    while (i < n) {
      const ch = text[i]!;
      if (ch === "'" || ch === '"') {
        str();
        continue;
      }
      if (ch === open) depth++;
      else if (ch === close && --depth === 0) {
        i++;
        return text.slice(start, i);
      }
      i++;
    }
    return fail();
  };
  /**
   * A constructor call in a repr (`np.float64(0.5)` from NumPy 2, `datetime.datetime(2024, 1, 1)`,
   * `tensor(0.5)`) is never run: a NumPy or torch scalar of one number is that number, any other
   * call its text.
   */
  const callValue = (head: string): PythonValue => {
    const name = head.slice(0, -1);
    i += name.length;
    const src = name + balanced("(", ")");
    if (/^(np|numpy|torch)?\.?(float(16|32|64|128)?|u?int(8|16|32|64)?|bool_?|longdouble|double|half|tensor)$/.test(name) || name === "tensor") {
      const arg = parsePythonLiteral(src.slice(name.length + 1, -1));
      if (typeof arg === "number" || typeof arg === "boolean") return arg;
    }
    return src;
  };
  /** An object repr (`<Foo object at 0x7f…>`), kept as its text. */
  const objectRepr = (): PythonValue => balanced("<", ">");
  const value = (): PythonValue => {
    ws();
    const c = text[i];
    if (c === undefined) return fail();
    if (c === "{") return dict();
    if (c === "[") return seq("]");
    if (c === "(") return seq(")");
    if (c === "'" || c === '"') return str();
    // bytes (`b'\x00'`): kept as the repr's text, one value in the dict around it.
    const npBool = /^(?:np|numpy)\.(True|False)_\b/.exec(text.slice(i, i + 20));
    if (npBool) {
      i += npBool[0].length;
      return npBool[1] === "True";
    }
    // Only inside a dict, list or tuple: a whole cell that is a call or an object repr is not a literal.
    if (depth === 0 && /^(?:[bB]['"]|[A-Za-z_][\w.]*\(|<)/.test(text.slice(i, i + 80))) return fail();
    if ((c === "b" || c === "B") && (text[i + 1] === "'" || text[i + 1] === '"')) {
      const start = i;
      i++;
      str();
      return text.slice(start, i);
    }
    const call = /^[A-Za-z_][\w.]*\(/.exec(text.slice(i, i + 80));
    if (call) return callValue(call[0]);
    if (c === "<") return objectRepr();
    const m = /^(?:None|True|False|null|true|false|-?(?:nan|inf)\b|-?(?:NaN|Infinity)\b|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!m) return fail();
    i += m[0].length;
    const t = m[0];
    // JSON's spellings too: a W&B cell is sometimes JSON (with Python's NaN and Infinity) rather than a Python repr.
    if (t === "None" || t === "null") return null;
    if (t === "True" || t === "False" || t === "true" || t === "false") return t === "True" || t === "true";
    if (/(nan|NaN)$/.test(t)) return NaN;
    if (/(inf|Infinity)$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
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
