import { parse, View, type Spec as VegaSpec } from "vega";
import { INTERACTIVE_SUFFIX } from "./chartCommon.ts";
import { ownSizeSvg, sizesItself } from "./chartSizing.ts";
import { escapeXml } from "../render/escapeHtml.ts";
import { useBuildTextMetrics } from "./vegaTextMetrics.ts";

/**
 * Static SVG of a compiled chart that reads named datasets (scatter, bar, parallel coordinates,
 * histogram, importance: see `DatasetChart`). Each dataset is inserted by name as given (no
 * downsampling: these charts have one mark per run, bar or bin); hover-only layers are dropped and
 * the output is finished like a line chart's (rounded coordinates, per-document clip ids, `role`,
 * `aria-label` from the description, `width="100%"` and a `viewBox`; a spec that sizes itself gets
 * its own width, `chartSizing.ts`). Byte-identical for the same input.
 */
export async function renderChartSvg(
  vegaSpec: VegaSpec,
  datasets: Readonly<Record<string, readonly object[]>>,
): Promise<string> {
  useBuildTextMetrics();
  const view = new View(parse(withoutInteractiveMarks(vegaSpec)), { renderer: "none" });
  try {
    for (const name of Object.keys(datasets).sort()) view.data(name, datasets[name]!.map((r) => ({ ...r })));
    await view.runAsync();
    const svg = await view.toSVG();
    // Ids (clip paths, legend gradients) are prefixed with a hash of the input, so two different
    // charts inlined in one page never share an id, and the same input still gives the same bytes.
    // A spec that sizes itself (a grid of panels, a raw spec) is shown at its own size, as its live view is.
    const finished = finishSvg(svg, ariaLabel(vegaSpec, "Chart"), `rf${fnv1a(JSON.stringify([vegaSpec, datasets]))}-`);
    return sizesItself(vegaSpec) ? ownSizeSvg(finished) : finished;
  } finally {
    view.finalize();
  }
}

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

function withoutInteractiveMarks(spec: VegaSpec): VegaSpec {
  const strip = (marks: unknown): unknown =>
    Array.isArray(marks)
      ? marks
          .filter((m: { name?: string }) => !(typeof m.name === "string" && m.name.includes(INTERACTIVE_SUFFIX)))
          .map((m: { marks?: unknown }) => (m.marks ? { ...m, marks: strip(m.marks) } : m))
      : marks;
  return { ...spec, marks: strip(spec.marks) as VegaSpec["marks"] };
}

function ariaLabel(spec: VegaSpec, fallback: string): string {
  if (typeof spec.description === "string" && spec.description) return spec.description;
  const title = spec.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && "text" in title && typeof title.text === "string") return title.text;
  return fallback;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

function round1(num: string): string {
  const v = Math.round(Number(num) * 10) / 10;
  return String(Object.is(v, -0) ? 0 : v);
}

/**
 * A path of only absolute moveto/lineto commands (every line mark) becomes one absolute moveto per
 * subpath followed by relative linetos in tenths of a pixel: the same shape in about half the
 * bytes, and small repeated deltas compress well. Other paths get their numbers rounded.
 */
export function compactPath(d: string): string {
  if (!LINE_PATH.test(d)) return d.replace(NUMBER, round1);
  let out = "";
  let px = 0;
  let py = 0;
  let relative = false;
  for (const m of d.matchAll(/([ML])([^,ML]+),([^ML]+)/g)) {
    const x = Math.round(Number(m[2]) * 10);
    const y = Math.round(Number(m[3]) * 10);
    if (m[1] === "M") {
      out += `M${pair(x, y)}`;
      relative = false;
    } else {
      const p = pair(x - px, y - py);
      out += relative ? (p.startsWith("-") ? p : ` ${p}`) : `l${p}`;
      relative = true;
    }
    px = x;
    py = y;
  }
  return out;
}

const COORD = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
const LINE_PATH = new RegExp(`^(?:[ML]${COORD},${COORD})+$`);

/** Two numbers given in tenths, without separators SVG does not need: `5,-12` → `.5-1.2`. */
function pair(x: number, y: number): string {
  const ys = tenths(y);
  return `${tenths(x)}${ys.startsWith("-") ? "" : ","}${ys}`;
}

function tenths(n: number): string {
  return String(n / 10).replace(/^(-?)0\./, "$1.");
}

function finishSvg(svg: string, label: string, idPrefix = ""): string {
  const ids = new Map<string, string>();
  const gradients = new Map<string, string>();
  return svg
    .replace(/\sd="([^"]*)"/g, (_, d: string) => ` d="${compactPath(d)}"`)
    .replace(/\stransform="([^"]*)"/g, (_, t: string) => ` transform="${t.replace(NUMBER, round1)}"`)
    .replace(/(id="|url\(#)(clip\d+)/g, (_, pre: string, id: string) => {
      if (!ids.has(id)) ids.set(id, `${idPrefix}clip${ids.size + 1}`);
      return pre + ids.get(id)!;
    })
    // Gradient ids (colour legends) come from a per-process counter too.
    .replace(/(id="|url\(#)(gradient_\d+)/g, (_, pre: string, id: string) => {
      if (!gradients.has(id)) gradients.set(id, `${idPrefix}gradient_${gradients.size}`);
      return pre + gradients.get(id)!;
    })
    .replace(/^<svg ([^>]*?) width="([\d.]+)" height="([\d.]+)"/, (_, attrs: string) => `<svg ${attrs} role="img" aria-label="${escapeXml(label)}" width="100%"`);
}
