/**
 * Loads a grid's deferred thumbnails (`img[data-src]`, see core/media/mediaMarkup.ts) as they come
 * within a fixed distance of the viewport, so the images a page loads before scrolling are the
 * first rows and those near them, whatever distance the browser's own lazy loading would pick.
 */
import { mediaMarkup as m } from "../../core/media/mediaMarkup.ts";

/** How far ahead of the viewport a thumbnail starts loading: about two rows of tiles. */
const AHEAD = "300px 0px";

function promote(img: HTMLImageElement): void {
  const { srcset, sizes } = img.dataset;
  if (sizes) img.sizes = sizes;
  if (srcset) img.srcset = srcset;
  img.src = img.getAttribute(m.deferredSrc) ?? "";
  img.removeAttribute(m.deferredSrc);
  img.removeAttribute("data-srcset");
  img.removeAttribute("data-sizes");
}

const observer =
  typeof IntersectionObserver === "function"
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer?.unobserve(entry.target);
            promote(entry.target as HTMLImageElement);
          }
        },
        { rootMargin: AHEAD },
      )
    : null;

/** Watches every deferred thumbnail under `root` (again after the script redraws cells). */
export function watchDeferredImages(root: ParentNode): void {
  for (const img of Array.from(root.querySelectorAll<HTMLImageElement>(`img[${m.deferredSrc}]`))) {
    if (observer) observer.observe(img);
    else promote(img);
  }
}
