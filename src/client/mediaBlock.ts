/**
 * Brings media grids to life (the ` ```media ` block, run pages' Media sections): a step slider
 * that swaps every run's items to another logged step, click to enlarge in a dialog (Esc closes,
 * ←/→ step through the run's items), and a two-run compare view, side by side or swiped over
 * each other. Reads the markup contract of core/media/mediaMarkup.ts; cells are drawn by the same
 * module as the build. No inline script or style: sizes and clips go through the CSSOM.
 */
import { mediaMarkup as m, type MediaPayload } from "../core/media/mediaMarkup.ts";
import { cellLabel, renderRunCells } from "../core/media/renderMediaGrid.ts";
import { openMediaDialog } from "./media/mediaDialog.ts";
import { renderCompare } from "./media/mediaCompare.ts";
import { cellsAt, type Grid } from "./media/mediaGrid.ts";
import { watchDeferredImages } from "./media/mediaLazy.ts";

function readPayload(figure: HTMLElement): MediaPayload | null {
  const script = figure.querySelector<HTMLScriptElement>(`:scope > script.${m.payload}`);
  try {
    return script ? (JSON.parse(script.textContent ?? "") as MediaPayload) : null;
  } catch {
    return null;
  }
}

function showStep(grid: Grid): void {
  const sections = grid.figure.querySelectorAll<HTMLElement>(`.${m.run}`);
  sections.forEach((section, r) => {
    const run = grid.payload.runs[r];
    if (!run) return;
    const { step, cells, total } = cellsAt(grid, r);
    const items = section.querySelector<HTMLElement>(`.${m.items}`);
    const label = section.querySelector<HTMLElement>(`.${m.runStep}`);
    if (label) label.textContent = step === null ? "nothing yet" : `step ${step}`;
    if (!items) return;
    if (step === null) {
      items.replaceChildren(Object.assign(document.createElement("p"), { className: m.empty, textContent: `No ${grid.payload.key} at or before step ${grid.step}.` }));
    } else {
      items.innerHTML = renderRunCells(cells, total, grid.base, grid.payload.key, step, run.name, grid.payload.columns);
      watchDeferredImages(items);
    }
  });
  const out = grid.figure.querySelector<HTMLOutputElement>(`.${m.stepOut}`);
  if (out) out.textContent = String(grid.step);
  const slider = grid.figure.querySelector<HTMLInputElement>(`.${m.slider}`);
  slider?.setAttribute("aria-valuetext", `step ${grid.step}`);
  if (grid.mode !== "grid") renderCompare(grid);
}

function setMode(grid: Grid, mode: Grid["mode"]): void {
  grid.mode = mode;
  const compare = grid.figure.querySelector<HTMLElement>(`.${m.compare}`);
  const gridEl = grid.figure.querySelector<HTMLElement>(`.${m.grid}`);
  if (!compare || !gridEl) return;
  gridEl.hidden = mode !== "grid";
  compare.hidden = mode === "grid";
  if (mode === "grid") compare.replaceChildren();
  else renderCompare(grid);
}

function onOpen(grid: Grid, event: MouseEvent): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element).closest<HTMLAnchorElement>(`a.${m.open}`);
  if (!link || !grid.figure.contains(link)) return;
  const section = link.closest<HTMLElement>(`.${m.run}`);
  const r = section ? Array.from(grid.figure.querySelectorAll(`.${m.run}`)).indexOf(section) : -1;
  const run = grid.payload.runs[r];
  if (!run) return;
  const { step, cells } = cellsAt(grid, r);
  if (step === null) return;
  event.preventDefault();
  openMediaDialog({
    cells: cells.filter((c) => c.kind === "image"),
    index: Math.max(0, cells.filter((c) => c.kind === "image").indexOf(cells[Number(link.dataset.item)]!)),
    base: grid.base,
    title: (c) => `${run.name} · step ${step}${c.caption ? ` · ${c.caption}` : ""}`,
    label: (c) => cellLabel(c, grid.payload.key, step, run.name),
    returnFocus: link,
  });
}

function init(figure: HTMLElement): void {
  watchDeferredImages(figure);
  const payload = readPayload(figure);
  if (!payload) return;
  const grid: Grid = {
    figure,
    payload,
    base: figure.dataset.base ?? "/",
    runSteps: payload.runs.map((r) => Object.keys(r.steps).map(Number).sort((a, b) => a - b)),
    step: payload.step,
    mode: "grid",
  };
  const tools = figure.querySelector<HTMLElement>(`.${m.tools}`);
  if (tools) tools.hidden = false;
  const slider = figure.querySelector<HTMLInputElement>(`.${m.slider}`);
  slider?.addEventListener("input", () => {
    const step = payload.steps[Number(slider.value)];
    if (step === undefined || step === grid.step) return;
    grid.step = step;
    showStep(grid);
  });
  const mode = figure.querySelector<HTMLSelectElement>(`.${m.mode}`);
  mode?.addEventListener("change", () => setMode(grid, mode.value === "side" || mode.value === "swipe" ? mode.value : "grid"));
  figure.addEventListener("click", (e) => onOpen(grid, e));
}

for (const figure of Array.from(document.querySelectorAll<HTMLElement>(`[${m.attribute}]`))) init(figure);
