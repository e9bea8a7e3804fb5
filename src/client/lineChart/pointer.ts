/**
 * Pointer input on the plot: hover (the tooltip), drag to zoom x (the brush), two-finger pinch to
 * zoom x on a touch screen, double-click to reset the zoom. The zoom maths is
 * `core/chart/line/zoomDomain.ts`.
 */
import type { FrameScale } from "../../core/chart/line/frameScale.ts";
import { brushDomain, pinchDomain, type XRange } from "../../core/chart/line/zoomDomain.ts";
import { formatChartNumber as formatNumber } from "../../core/format/formatValue.ts";

export interface PointerView {
  /** The transparent rect over the plot that takes the pointer. */
  readonly hit: SVGRectElement;
  readonly brush: SVGRectElement;
  /** The data's whole x range, as the build computed it. */
  readonly fullX: [number, number] | undefined;
  zoom: XRange | null;
  /** The live frame's x scale; undefined until the chart is live. */
  liveX(): FrameScale | undefined;
  hover(px: number, py: number, e: PointerEvent): void;
  unhover(): void;
  /** Lays out and draws again (during a pinch). */
  refresh(): void;
  /** Draws, updates the controls and the URL, and announces `message`. */
  update(message: string | null): void;
}

const zoomedMessage = (x: XRange | null): string => (x ? `Zoomed to ${formatNumber(x[0])} – ${formatNumber(x[1])}.` : "Zoom reset.");

export function bindPointer(view: PointerView): void {
  const { hit, brush } = view;
  let dragFrom: number | null = null;
  const local = (e: PointerEvent | MouseEvent): [number, number] => {
    const r = hit.getBoundingClientRect();
    const w = Number(hit.getAttribute("width")) || r.width;
    const scale = r.width > 0 ? w / r.width : 1;
    return [(e.clientX - r.left) * scale, (e.clientY - r.top) * scale];
  };
  const width = () => Number(hit.getAttribute("width"));
  // Two fingers pinch-zoom x: the data under each finger stays under it (see pinchDomain).
  const touches = new Map<number, number>();
  let pinch: { ids: [number, number]; at: [number, number]; invert: (px: number) => number; frame: number } | null = null;
  const pinched = (p: NonNullable<typeof pinch>): XRange | null =>
    pinchDomain(p.at, [touches.get(p.ids[0])!, touches.get(p.ids[1])!], p.invert, width(), view.fullX, view.zoom);
  const endPinch = (e: PointerEvent): void => {
    if (pinch) {
      // the last move may still wait for its frame: apply it now
      cancelAnimationFrame(pinch.frame);
      view.zoom = pinched(pinch);
    }
    touches.delete(e.pointerId);
    if (!pinch) return;
    pinch = null;
    view.update(zoomedMessage(view.zoom));
  };
  hit.addEventListener("pointermove", (e) => {
    const [px, py] = local(e);
    if (touches.has(e.pointerId)) touches.set(e.pointerId, px);
    if (pinch) {
      const p = pinch;
      cancelAnimationFrame(p.frame);
      p.frame = requestAnimationFrame(() => {
        view.zoom = pinched(p);
        view.refresh();
      });
      return;
    }
    if (dragFrom !== null) {
      const a = Math.max(0, Math.min(dragFrom, px));
      const b = Math.min(width(), Math.max(dragFrom, px));
      brush.setAttribute("x", String(a));
      brush.setAttribute("width", String(Math.max(0, b - a)));
      brush.setAttribute("visibility", "visible");
    }
    view.hover(px, py, e);
  });
  hit.addEventListener("pointerleave", () => view.unhover());
  hit.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    if (e.pointerType === "touch") {
      touches.set(e.pointerId, local(e)[0]);
      const sx = view.liveX();
      if (touches.size === 2 && sx) {
        // A second finger turns the drag into a pinch.
        dragFrom = null;
        brush.setAttribute("visibility", "hidden");
        view.unhover();
        const ids = [...touches.keys()] as [number, number];
        // The scale the fingers started on: each redraw makes a new frame.
        pinch = { ids, at: [touches.get(ids[0])!, touches.get(ids[1])!], invert: (v) => sx.invert(v), frame: 0 };
        hit.setPointerCapture?.(e.pointerId);
        return;
      }
    }
    dragFrom = local(e)[0];
    hit.setPointerCapture?.(e.pointerId);
  });
  hit.addEventListener("pointercancel", (e) => {
    endPinch(e);
    dragFrom = null;
    brush.setAttribute("visibility", "hidden");
  });
  hit.addEventListener("pointerup", (e) => {
    if (pinch || touches.has(e.pointerId)) {
      const wasPinch = pinch !== null;
      endPinch(e);
      if (wasPinch) return;
    }
    if (dragFrom === null) return;
    const from = dragFrom;
    dragFrom = null;
    brush.setAttribute("visibility", "hidden");
    const sx = view.liveX();
    if (!sx) return;
    const x = brushDomain(from, local(e)[0], (v) => sx.invert(v));
    if (!x) return;
    view.zoom = x;
    view.update(zoomedMessage(x));
  });
  hit.addEventListener("dblclick", () => {
    if (!view.zoom || !view.liveX()) return;
    view.zoom = null;
    view.update("Zoom reset.");
  });
}
