/**
 * Tooltips of vega views on touch screens. vega's SVG renderer shows a tooltip on `pointermove`,
 * which a finger tap never fires, so a phone showed none. A tap (a `click` after a touch or pen
 * `pointerdown`) replays itself to vega as a `pointermove` at the same point on the tapped
 * element: vega finds the mark and its tooltip exactly as for a mouse, and the hover signals of
 * the spec follow. The next touch anywhere (a tap elsewhere, the start of a scroll) or a scroll
 * hides it. Listeners are passive and nothing calls preventDefault, so the page still scrolls
 * under a finger on a chart. `click` rather than `pointerup`: the browser's compatibility mouse
 * events of a tap (a `mouseout` of the mark tapped before, which vega takes as "hide") come
 * between the two.
 */

type HideTooltip = () => void;

const tapPointers = new Set(["touch", "pen"]);
const hiders = new Set<HideTooltip>();
let shownByTap = false;
let documentWired = false;

function hideTapTooltips(): void {
  if (!shownByTap) return;
  shownByTap = false;
  for (const hide of hiders) hide();
}

function wireDocument(): void {
  if (documentWired) return;
  documentWired = true;
  const options = { capture: true, passive: true } as const;
  document.addEventListener("pointerdown", (e) => void (tapPointers.has(e.pointerType) && hideTapTooltips()), options);
  document.addEventListener("scroll", hideTapTooltips, options);
}

/** Lets a tap on a mark of the vega view in `container` show its tooltip; `hide` hides vega's tooltip. */
export function showTooltipsOnTap(container: HTMLElement, hide: HideTooltip): void {
  hiders.add(hide);
  wireDocument();
  let lastPointer = "";
  container.addEventListener("pointerdown", (e) => void (lastPointer = e.pointerType), { passive: true });
  container.addEventListener("click", (e) => {
    const pointerType = lastPointer;
    lastPointer = "";
    if (!tapPointers.has(pointerType) || !(e.target instanceof Element)) return;
    shownByTap = true;
    e.target.dispatchEvent(
      new PointerEvent("pointermove", {
        bubbles: true,
        cancelable: true,
        composed: true,
        clientX: e.clientX,
        clientY: e.clientY,
        screenX: e.screenX,
        screenY: e.screenY,
        pointerType,
        isPrimary: true,
      }),
    );
  });
}

/**
 * vega-tooltip puts a tooltip that fits on no side of the point above and left of it, even
 * when that is off the screen: on a phone, a tap right of the middle cut its keys off. It is
 * moved back inside the window (it stays above the finger).
 */
export function keepTooltipOnScreen(el: HTMLElement | null): void {
  if (!el?.classList.contains("visible")) return;
  const box = el.getBoundingClientRect();
  const left = Math.max(0, Math.min(box.left, innerWidth - box.width));
  const top = Math.max(0, Math.min(box.top, innerHeight - box.height));
  if (left !== box.left) el.style.left = `${left}px`;
  if (top !== box.top) el.style.top = `${top}px`;
}
