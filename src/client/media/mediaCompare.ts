/**
 * The two-run compare view of a media grid: pick two runs (the first two at first) and a sample;
 * side by side shows both full images, swipe lays one over the other with a slider that uncovers
 * the second. The clip is set through the CSSOM (the CSP allows no style attributes).
 */
import { mediaMarkup as m, type MediaCell } from "../../core/media/mediaMarkup.ts";
import { renderBoxes } from "../../core/media/renderMediaGrid.ts";
import { cellsAt, type Grid } from "./mediaGrid.ts";

interface CompareState {
  a: number;
  b: number;
  sample: number;
  swipe: number;
}

const states = new WeakMap<Grid, CompareState>();

function select(label: string, options: { value: string; text: string }[], value: string, onChange: (v: string) => void): HTMLLabelElement {
  const l = document.createElement("label");
  const s = document.createElement("select");
  for (const o of options) s.append(new Option(o.text, o.value, false, o.value === value));
  s.addEventListener("change", () => onChange(s.value));
  l.append(`${label} `, s);
  return l;
}

function picture(cell: MediaCell | undefined, base: string, alt: string): HTMLElement {
  const frame = document.createElement("span");
  frame.className = m.frame;
  if (!cell) {
    frame.classList.add("rf-media-missing");
    frame.textContent = "No image at this step";
    return frame;
  }
  const img = document.createElement("img");
  img.src = base + cell.src;
  img.alt = alt;
  img.decoding = "async";
  if (cell.w && cell.h) {
    img.width = cell.w;
    img.height = cell.h;
  }
  frame.append(img);
  if (cell.boxes?.length && cell.w && cell.h) frame.insertAdjacentHTML("beforeend", renderBoxes(cell.boxes, cell.w, cell.h, Math.min(cell.w, 512)));
  return frame;
}

export function renderCompare(grid: Grid): void {
  const host = grid.figure.querySelector<HTMLElement>(`.${m.compare}`);
  if (!host) return;
  const runs = grid.payload.runs;
  const state = states.get(grid) ?? { a: 0, b: Math.min(1, runs.length - 1), sample: 0, swipe: 50 };
  states.set(grid, state);
  const redraw = (): void => renderCompare(grid);
  const options = runs.map((r, i) => ({ value: String(i), text: r.name }));
  const A = cellsAt(grid, state.a);
  const B = cellsAt(grid, state.b);
  const imagesA = A.cells.filter((c) => c.kind === "image");
  const imagesB = B.cells.filter((c) => c.kind === "image");
  const samples = Math.max(imagesA.length, imagesB.length, 1);
  state.sample = Math.min(state.sample, samples - 1);
  const controls = document.createElement("div");
  controls.className = "rf-media-compare-tools";
  controls.append(
    select("Run A", options, String(state.a), (v) => ((state.a = Number(v)), redraw())),
    select("Run B", options, String(state.b), (v) => ((state.b = Number(v)), redraw())),
  );
  if (samples > 1) {
    controls.append(select("Sample", Array.from({ length: samples }, (_, i) => ({ value: String(i), text: String(i + 1) })), String(state.sample), (v) => ((state.sample = Number(v)), redraw())));
  }
  const a = imagesA[state.sample];
  const b = imagesB[state.sample];
  const nameA = `${runs[state.a]!.name}${A.step === null ? "" : ` · step ${A.step}`}`;
  const nameB = `${runs[state.b]!.name}${B.step === null ? "" : ` · step ${B.step}`}`;
  const body = document.createElement("div");
  if (grid.mode === "side") {
    body.className = "rf-media-side";
    for (const [cell, name] of [[a, nameA], [b, nameB]] as const) {
      const f = document.createElement("figure");
      const cap = document.createElement("figcaption");
      cap.textContent = cell?.caption ? `${name} · ${cell.caption}` : name;
      f.append(picture(cell, grid.base, name), cap);
      body.append(f);
    }
  } else {
    body.className = "rf-media-swipe";
    const stack = document.createElement("div");
    stack.className = "rf-media-swipe-stack";
    const under = picture(b, grid.base, nameB);
    const over = picture(a, grid.base, nameA);
    over.classList.add("rf-media-swipe-over");
    const clip = (): void => {
      over.style.clipPath = `inset(0 ${100 - state.swipe}% 0 0)`;
    };
    clip();
    stack.append(under, over);
    const range = document.createElement("input");
    range.type = "range";
    range.min = "0";
    range.max = "100";
    range.value = String(state.swipe);
    range.className = "rf-media-swipe-range";
    range.setAttribute("aria-label", `Show ${nameA} on the left of the line, ${nameB} on the right`);
    range.addEventListener("input", () => {
      state.swipe = Number(range.value);
      clip();
    });
    const legend = document.createElement("p");
    legend.className = "rf-media-swipe-legend";
    legend.textContent = `◀ ${nameA} | ${nameB} ▶`;
    body.append(stack, range, legend);
  }
  host.replaceChildren(controls, body);
}
