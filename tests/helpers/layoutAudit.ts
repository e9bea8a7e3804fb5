/** What one layout check found on a page; `where` names the element, `detail` what is wrong. */
export interface LayoutFinding {
  check: "overflow" | "overlap" | "clipped" | "sortedHidden" | "smallPlot";
  where: string;
  detail: string;
}

export interface LayoutAuditOptions {
  /** Check that each table's sorted column is on screen without scrolling (asked at desktop widths). */
  sortedColumnVisible: boolean;
  /** Least height in CSS pixels of a chart's plot area. */
  minPlotHeight: number;
  /**
   * Check only the charts (overlap, clipped text in a chart, plot height): for a page whose
   * scripts are off, where the rest of the page is not what a reader sees but the charts are the
   * build's static SVG. __Default value:__ false
   */
  chartsOnly?: boolean;
}

/**
 * The layout checks, run inside the page (`page.evaluate(layoutAudit, options)`), so the function
 * is self-contained: no imports, no helpers outside its body.
 * - overflow: the page scrolls sideways (and the outermost elements that stick out);
 * - overlap: two pieces of text of one chart (tick labels, titles, legend, toolbar) overlap;
 * - clipped: text cut off by an `overflow: hidden` box or an SVG's edge, with no title giving it whole;
 * - sortedHidden: a table's sorted column is scrolled out of view on load;
 * - smallPlot: a chart's plot area is shorter than `minPlotHeight`.
 */
export function layoutAudit(options: LayoutAuditOptions): LayoutFinding[] {
  const findings: LayoutFinding[] = [];
  const viewWidth = document.documentElement.clientWidth;

  function name(el: Element): string {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = typeof el.className === "string" ? el.className.trim().split(/\s+/).filter(Boolean).slice(0, 2) : [];
    if (cls.length) s += `.${cls.join(".")}`;
    const text = (el.textContent ?? "").replace(/\s+/g, " ").trim();
    return text ? `${s} "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : s;
  }

  const shown = new Map<Element, boolean>();
  function isShown(el: Element): boolean {
    const known = shown.get(el);
    if (known !== undefined) return known;
    let ok = el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (ok) {
      // Visually hidden helpers (1 px boxes) hold text meant for screen readers only.
      const r = el.getBoundingClientRect();
      if (!(el instanceof SVGElement) && (r.width <= 1 || r.height <= 1)) ok = false;
      else if (el.parentElement && el.parentElement !== document.body) ok = isShown(el.parentElement);
    }
    shown.set(el, ok);
    return ok;
  }

  /** The rectangles of an element's own text (HTML: each line of each text node; SVG text: its box). */
  function textRects(el: Element): DOMRect[] {
    if (el instanceof SVGTextElement) {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 ? [r] : [];
    }
    const rects: DOMRect[] = [];
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) rects.push(r);
    }
    return rects;
  }

  /** Elements that hold text themselves: SVG `text` and HTML elements with a non-blank text node. */
  function textElements(root: Element | Document): Element[] {
    const out: Element[] = [];
    for (const el of root.querySelectorAll("*")) {
      if (el instanceof SVGTextElement) {
        if (el.textContent?.trim()) out.push(el);
        continue;
      }
      if (el instanceof SVGElement || el.tagName === "SCRIPT" || el.tagName === "STYLE" || el.tagName === "TITLE") continue;
      if (el.closest("svg text, title, script, style, template")) continue;
      if ([...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())) out.push(el);
    }
    return out.filter(isShown);
  }

  const overflowOf = new Map<Element, { x: string; y: string }>();
  function overflow(el: Element): { x: string; y: string } {
    let o = overflowOf.get(el);
    if (!o) {
      const cs = getComputedStyle(el);
      o = { x: cs.overflowX, y: cs.overflowY };
      overflowOf.set(el, o);
    }
    return o;
  }
  const clips = (v: string) => v === "hidden" || v === "clip";
  const scrolls = (v: string) => v === "auto" || v === "scroll";

  /** Whether an ancestor scrolls or clips sideways, so what sticks out of it cannot widen the page. */
  function inScroller(el: Element): boolean {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (overflow(a).x !== "visible") return true;
    }
    return false;
  }

  /** The part of a rectangle left visible by the scrolling or clipping boxes between it and `root`. */
  function visiblePart(el: Element, r: DOMRect, root: Element): DOMRect | null {
    let { left, top, right, bottom } = r;
    for (let a = el.parentElement; a && a !== root; a = a.parentElement) {
      const o = overflow(a);
      if (o.x === "visible" && o.y === "visible") continue;
      const box = a.getBoundingClientRect();
      if (o.x !== "visible") [left, right] = [Math.max(left, box.left), Math.min(right, box.right)];
      if (o.y !== "visible") [top, bottom] = [Math.max(top, box.top), Math.min(bottom, box.bottom)];
    }
    return right - left > 0 && bottom - top > 0 ? new DOMRect(left, top, right - left, bottom - top) : null;
  }

  function hasFullForm(el: Element): boolean {
    if (el.closest("[title]:not([title=''])")) return true;
    for (let e: Element | null = el; e && e instanceof SVGElement; e = e.parentElement) {
      if ([...e.children].some((c) => c.tagName.toLowerCase() === "title" && c.textContent?.trim())) return true;
    }
    return false;
  }

  // 1. The page itself must not scroll sideways.
  const pageWidth = document.documentElement.scrollWidth;
  if (!options.chartsOnly && pageWidth > viewWidth + 1) {
    // An element widens the page when it sticks out past the window and no scrolling box holds it
    // (a box holds what it contains, except what is placed relative to a box outside it); the
    // culprits are the outermost such elements. Even a 1 px screen-reader helper counts.
    const escapes = (el: Element) =>
      el.getBoundingClientRect().right > viewWidth + 1 && el.checkVisibility() && !(inScroller(el) && getComputedStyle(el).position !== "absolute");
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (!escapes(el) || (el.parentElement && el.parentElement !== document.body && escapes(el.parentElement))) continue;
      culprits.push(`${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
      if (culprits.length === 3) break;
    }
    findings.push({ check: "overflow", where: "page", detail: `page is ${pageWidth} px wide in a ${viewWidth} px window; ${culprits.join("; ")}` });
  }

  // 2. Text in a chart (its SVG, caption, legend and toolbar) never overlaps other text.
  const charts = [...document.querySelectorAll(".rf-chart, [data-runfolio-chart], .rf-compare-chart")].filter(
    (el) => !el.parentElement?.closest(".rf-chart, [data-runfolio-chart], .rf-compare-chart") && isShown(el),
  );
  for (const chart of charts) {
    const items: { el: Element; r: DOMRect }[] = [];
    for (const el of textElements(chart)) {
      if (el.closest("table, #vg-tooltip-element, .rf-tooltip, [role='tooltip'], [role='menu']")) continue;
      for (const r of textRects(el)) {
        // Text scrolled out of a legend's box is not on screen, so it cannot overlap anything.
        const seen = visiblePart(el, r, chart);
        if (seen) items.push({ el, r: seen });
      }
    }
    const seen = new Set<string>();
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w <= 2 || h <= 2) continue;
        const key = `${name(a.el)} / ${name(b.el)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({ check: "overlap", where: name(chart), detail: `${key} overlap by ${Math.round(w)}×${Math.round(h)} px` });
      }
    }
  }

  // 3. Text cut off by its own box or an ancestor's, unless a title gives it whole.
  for (const el of textElements(document)) {
    if (hasFullForm(el)) continue;
    if (options.chartsOnly && !el.closest(".rf-chart, [data-runfolio-chart], .rf-compare-chart")) continue;
    let cut: string | null = null;
    if (!(el instanceof SVGElement)) {
      const o = overflow(el);
      if (clips(o.x) && el.scrollWidth > el.clientWidth + 1) cut = `its text is ${el.scrollWidth} px in a ${el.clientWidth} px box`;
      else if (clips(o.y) && el.scrollHeight > el.clientHeight + 1) cut = `its text is ${el.scrollHeight} px tall in a ${el.clientHeight} px box`;
    }
    if (!cut) {
      const rects = textRects(el);
      for (let a = el.parentElement; a && a !== document.body && !cut; a = a.parentElement) {
        const o = overflow(a);
        if (scrolls(o.x) || scrolls(o.y)) break;
        if (!clips(o.x) && !clips(o.y)) continue;
        const box = a.getBoundingClientRect();
        for (const r of rects) {
          const outX = clips(o.x) && (r.left < box.left - 1 || r.right > box.right + 1);
          const outY = clips(o.y) && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
          if (outX || outY) {
            cut = `cut by ${name(a).split(" ")[0]} (${[outX ? "sides" : "", outY ? "top or bottom" : ""].filter(Boolean).join(", ")})`;
            break;
          }
        }
      }
    }
    if (cut) findings.push({ check: "clipped", where: name(el), detail: cut });
  }

  // 4. A table's sorted column is on screen when the page opens.
  if (options.sortedColumnVisible && !options.chartsOnly) {
    for (const th of document.querySelectorAll("thead th[aria-sort]:not([aria-sort='none'])")) {
      if (!isShown(th)) continue;
      let left = 0;
      let right = viewWidth;
      for (let a = th.parentElement; a && a !== document.body; a = a.parentElement) {
        if (!scrolls(overflow(a).x) && !clips(overflow(a).x)) continue;
        const box = a.getBoundingClientRect();
        left = Math.max(left, box.left);
        right = Math.min(right, box.right);
      }
      const r = th.getBoundingClientRect();
      if (r.left < left - 1 || r.right > right + 1) {
        const table = th.closest("table");
        const caption = table?.querySelector("caption")?.textContent?.trim();
        findings.push({ check: "sortedHidden", where: caption ? `table "${caption}"` : name(table ?? th), detail: `sorted column ${name(th)} spans ${Math.round(r.left)}–${Math.round(r.right)} px, visible ${Math.round(left)}–${Math.round(right)} px` });
      }
    }
  }

  /**
   * The heights of a vega view's plot panels: the background of each view group (the top-level
   * view, a facet cell, a concatenated view; not a legend's layout groups) that has a size and no
   * sized view inside it. A grid of facets or a concatenation has an empty top-level group around
   * its panels.
   */
  function vegaPanels(svg: SVGSVGElement): number[] {
    const views = [...svg.querySelectorAll<SVGPathElement>(":is(.mark-group.role-frame, .mark-group.role-scope) > g > path.background")]
      .filter((bg) => !bg.parentElement!.closest(".role-legend, .role-axis, .role-title"))
      .map((bg) => ({ bg, box: bg.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0);
    return views.filter(({ bg }) => !views.some((o) => o.bg !== bg && bg.parentElement!.contains(o.bg))).map(({ box }) => box.height);
  }

  // 5. Every chart's plot area is tall enough to read (each panel of a grid).
  for (const svg of document.querySelectorAll<SVGSVGElement>("svg.rf-line-chart, .rf-compare-chart svg, [data-runfolio-chart] svg.marks")) {
    if (!isShown(svg) || svg.closest("[aria-hidden='true'], .rf-legend, .rf-compare-legend")) continue;
    const box = svg.getBoundingClientRect();
    let height: number | null = null;
    const hit = svg.querySelector("rect.rf-hit");
    const panels = vegaPanels(svg);
    const clip = svg.querySelector(".rf-lines clipPath rect");
    const grid = svg.querySelector(".rf-grid");
    if (hit && hit.getBoundingClientRect().height > 0) height = hit.getBoundingClientRect().height;
    else if (panels.length) height = Math.min(...panels);
    else if (clip && svg.viewBox.baseVal && svg.viewBox.baseVal.height > 0) {
      // preserveAspectRatio's default (meet): the viewBox is scaled by the smaller of the two ratios.
      const vb = svg.viewBox.baseVal;
      height = Number(clip.getAttribute("height")) * Math.min(box.width / vb.width, box.height / vb.height);
    }
    else if (grid) height = grid.getBoundingClientRect().height;
    if (height === null) continue;
    if (height < options.minPlotHeight) {
      const fig = svg.closest("figure") ?? svg;
      const caption = fig.querySelector("figcaption")?.textContent?.trim();
      findings.push({ check: "smallPlot", where: caption ? `chart "${caption}"` : name(fig), detail: `plot is ${Math.round(height)} px tall (at least ${options.minPlotHeight})` });
    }
  }
  return findings;
}

/** The box a chart's picture takes in the page, by the chart figure's id. */
export interface ChartBox {
  id: string;
  width: number;
  height: number;
}

/**
 * Each shown chart's picture box, run inside the page (self-contained, like `layoutAudit`): the
 * build's SVG while the chart is static, the drawn SVG once it is live. Comparing the two finds
 * charts that change size when they turn live (the page would jump).
 */
export function chartBoxes(): ChartBox[] {
  const boxes: ChartBox[] = [];
  for (const fig of document.querySelectorAll<HTMLElement>("[data-runfolio-chart]")) {
    if (fig.getClientRects().length === 0) continue;
    const svg = [...fig.querySelectorAll<SVGSVGElement>(":scope > svg, :scope > .runfolio-chart-view > svg")].find((s) => s.getClientRects().length > 0 && getComputedStyle(s).display !== "none");
    if (!svg) continue;
    const r = svg.getBoundingClientRect();
    boxes.push({ id: fig.id || fig.dataset.runfolioChart || "chart", width: Math.round(r.width), height: Math.round(r.height) });
  }
  return boxes;
}
