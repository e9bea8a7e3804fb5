import { describe, expect, it } from "vitest";
import { renderScalarHtml } from "./renderScalar.ts";

describe("renderScalarHtml(input)", () => {
  it("shows the formatted value, full precision in <data>, the reduction and the linked run", () => {
    const html = renderScalarHtml({
      id: "best-loss",
      label: "Best val/loss",
      reduce: "min",
      result: { value: 2.0412345, runId: "p/lr-3e-4", name: "lr-3e-4", n: 12 },
      runHref: "/runs/p/lr-3e-4/",
    });
    expect(html).toBe(
      '<figure class="rf-scalar" id="best-loss"><figcaption>Best val/loss</figcaption>' +
        '<p class="rf-scalar-value"><data value="2.0412345">2.041</data></p>' +
        '<p class="rf-scalar-detail">lowest of 12 runs · <a href="/runs/p/lr-3e-4/">lr-3e-4</a></p></figure>',
    );
  });

  it("escapes every text", () => {
    const html = renderScalarHtml({
      id: 'x"><script>',
      label: "<b>loss</b>",
      reduce: "max",
      result: { value: 1, runId: "p/<img>", name: "<img src=x onerror=alert(1)>", n: 1 },
      runHref: 'javascript:"x"',
      unit: "<%>",
    });
    expect(html).not.toMatch(/<(script|b|img)/);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain('id="x&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('<span class="rf-scalar-unit">&lt;%&gt;</span>');
    expect(html).toContain("highest of 1 run ·");
  });

  it("shows a dash without a value, and no run name for mean", () => {
    expect(renderScalarHtml({ id: "m", label: "Mean", reduce: "mean", result: { value: null, n: 0 } })).toContain(
      '<p class="rf-scalar-value"><span>—</span></p><p class="rf-scalar-detail">no run has a value</p>',
    );
    expect(renderScalarHtml({ id: "m", label: "Mean", reduce: "mean", result: { value: 0.5, n: 3 } })).toContain(
      '<p class="rf-scalar-detail">mean of 3 runs</p>',
    );
  });
});
