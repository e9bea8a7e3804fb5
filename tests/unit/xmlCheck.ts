/**
 * A small XML well-formedness check for tests (no XML parser ships with the project): every tag
 * closes in order, attribute values are quoted, `&` only starts a known entity or a character
 * reference, and no `<` appears in text. Returns the elements as a tree.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(s: string, where: string): string {
  return s.replace(/&([^;]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) throw new Error(`bare & in ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-f]+|[0-9]+)$/i.exec(name);
    if (num) return String.fromCodePoint(num[1]!.startsWith("x") ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity &${name}; in ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  const s = source.replace(/^<\?xml[^?]*\?>\s*/, "");
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s))) {
    pos = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[6]) throw new Error(`stray < at ${m.index}: ${s.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      if (stack.length === 1 && m[5].trim()) throw new Error("text outside the root element");
      top.text += decode(m[5], top.name);
      continue;
    }
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2] ?? a[3]!, `${name}@${a[1]}`);
    }
    const el: XmlElement = { name: name!, attrs, children: [], text: "" };
    top.children.push(el);
    if (!selfClose) stack.push(el);
  }
  if (pos !== s.length) throw new Error(`unparsed input at ${pos}: ${s.slice(pos, pos + 40)}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error("not exactly one root element");
  return root.children[0]!;
}

export const childrenNamed = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
export const childText = (el: XmlElement, name: string): string | undefined => childrenNamed(el, name)[0]?.text;
