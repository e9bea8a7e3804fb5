import { describe, expect, it } from "vitest";
import { lineSnippet, searchSnippet } from "./searchSnippet.ts";

const show = (parts: ReturnType<typeof searchSnippet>) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join("");

describe("searchSnippet(text, terms)", () => {
  it("marks every matched word, any case, and only whole words", () => {
    expect(show(searchSnippet("Warmup helps; without warmup the loss spikes. warmups differ.", ["warmup"]))).toBe(
      "[Warmup] helps; without [warmup] the loss spikes. warmups differ.",
    );
  });

  it("cuts a long text at words around the window with the most matches, with ellipses", () => {
    const text = `${"alpha ".repeat(40)}the lr matters, and lr warmup too. ${"omega ".repeat(40)}lr`;
    const out = show(searchSnippet(text, ["lr", "warmup"], 80));
    expect(out.startsWith("… ")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
    expect(out).toContain("the [lr] matters, and [lr] [warmup] too.");
    expect(out.length).toBeLessThanOrEqual(80 + 4 + 4);
    // Cut between words: whole words only at both ends.
    expect(out).toMatch(/^… (alpha )+the \[lr\]/);
    expect(out).toMatch(/too\. (omega )*…$/);
  });

  it("gives nothing when the text has no match, and keeps markup as plain text", () => {
    expect(searchSnippet("nothing here", ["warmup"])).toEqual([]);
    expect(searchSnippet('<img src=x onerror="warmup">', ["warmup"])).toEqual([
      { text: '<img src=x onerror="', mark: false },
      { text: "warmup", mark: true },
      { text: '">', mark: false },
    ]);
  });

  it("shows only the config lines that match, joined", () => {
    const config = "optimizer.lr 0.1\nschedule.kind cosine\nschedule.warmup_epochs 5\nseed 1\ntrain.warmup true";
    expect(show(lineSnippet(config, ["warmup"]))).toBe("schedule.[warmup]_epochs 5 · train.[warmup] true");
    expect(lineSnippet(config, ["nothing"])).toEqual([]);
  });
});
