import { describe, expect, it } from "vitest";
import { escapeHtml, escapeXml, jsonForScript } from "./escapeHtml.ts";

describe("escapeHtml / escapeXml / jsonForScript", () => {
  it("escapes markup characters", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
  });
  it("drops characters XML forbids before escaping", () => {
    expect(escapeXml("a\u0001b<\u0008c\uD800>")).toBe("ab&lt;c&gt;");
    expect(escapeXml("tab\tnewline\n'")).toBe("tab\tnewline\n&apos;");
  });
  it("keeps JSON from closing its script element", () => {
    const json = jsonForScript({ name: "</script><!--" });
    expect(json).not.toMatch(/[<>]/);
    expect(JSON.parse(json).name).toBe("</script><!--");
  });
  it("escapes &, U+2028 and U+2029 in the same pass and round-trips", () => {
    const value = { a: "x & y\u2028z\u2029", b: [1, "<b>"] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
