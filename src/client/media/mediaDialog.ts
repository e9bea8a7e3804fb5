/**
 * The enlarge dialog of media grids: one `<dialog>` per page, opened modal on the full image (its
 * boxes drawn over it), Esc or the close button closes it and focus returns to the thumbnail;
 * ←/→ and the buttons step through the images of the same run and step.
 */
import { mediaMarkup as m, type MediaCell } from "../../core/media/mediaMarkup.ts";
import { renderBoxes } from "../../core/media/renderMediaGrid.ts";

export interface DialogRequest {
  cells: MediaCell[];
  index: number;
  base: string;
  title: (cell: MediaCell) => string;
  label: (cell: MediaCell) => string;
  returnFocus: HTMLElement;
}

let dialog: HTMLDialogElement | null = null;
let current: DialogRequest | null = null;

function button(className: string, text: string, label: string): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  b.setAttribute("aria-label", label);
  return b;
}

function ensureDialog(): HTMLDialogElement {
  if (dialog) return dialog;
  const d = document.createElement("dialog");
  d.className = m.dialog;
  d.setAttribute("aria-label", "Media");
  const close = button("rf-media-close", "×", "Close");
  const prev = button("rf-media-prev", "‹", "Previous image");
  const next = button("rf-media-next", "›", "Next image");
  const figure = document.createElement("figure");
  d.append(close, figure, prev, next);
  close.addEventListener("click", () => d.close());
  prev.addEventListener("click", () => move(-1));
  next.addEventListener("click", () => move(1));
  d.addEventListener("keydown", (e) => {
    if (e.key === "ArrowLeft") move(-1);
    else if (e.key === "ArrowRight") move(1);
    else return;
    e.preventDefault();
  });
  // A click on the backdrop (the dialog itself, outside its content) closes it.
  d.addEventListener("click", (e) => {
    if (e.target === d) d.close();
  });
  d.addEventListener("close", () => {
    current?.returnFocus.focus();
    current = null;
  });
  document.body.append(d);
  dialog = d;
  return d;
}

function move(by: number): void {
  if (!current || current.cells.length < 2) return;
  current.index = (current.index + by + current.cells.length) % current.cells.length;
  draw();
}

/** CSS pixels a small image is enlarged to, about, in the dialog. */
const DIALOG_MIN_WIDTH = 320;

function draw(): void {
  if (!dialog || !current) return;
  const cell = current.cells[current.index]!;
  const figure = dialog.querySelector("figure")!;
  const frame = document.createElement("span");
  frame.className = m.frame;
  const img = document.createElement("img");
  img.src = current.base + cell.src;
  img.alt = current.label(cell);
  // A small image (a 32-pixel sample) is enlarged by a whole factor, its pixels kept square.
  const scale = cell.w && cell.w < DIALOG_MIN_WIDTH ? Math.floor(DIALOG_MIN_WIDTH / cell.w) : 1;
  if (cell.w && cell.h) {
    img.width = cell.w;
    img.height = cell.h;
    if (scale > 1) {
      img.classList.add("rf-media-upscaled");
      img.style.width = `${cell.w * scale}px`;
    }
  }
  frame.append(img);
  // Labels sized for the width the dialog shows the image at.
  if (cell.boxes?.length && cell.w && cell.h) frame.insertAdjacentHTML("beforeend", renderBoxes(cell.boxes, cell.w, cell.h, Math.min(cell.w * scale, window.innerWidth * 0.9)));
  const caption = document.createElement("figcaption");
  caption.textContent = current.cells.length > 1 ? `${current.title(cell)} (${current.index + 1} of ${current.cells.length})` : current.title(cell);
  figure.replaceChildren(frame, caption);
  for (const b of Array.from(dialog.querySelectorAll<HTMLButtonElement>(".rf-media-prev, .rf-media-next"))) b.hidden = current.cells.length < 2;
}

export function openMediaDialog(request: DialogRequest): void {
  const d = ensureDialog();
  current = request;
  draw();
  if (!d.open) d.showModal();
  d.querySelector<HTMLButtonElement>(".rf-media-close")?.focus();
}
