/**
 * W&B's 2D bounding boxes (`wandb.Image(…, boxes={"predictions": {"box_data": […], "class_labels": {…}}})`)
 * as the run format's box overlay (`media.jsonl` `boxes`: `{x, y, w, h, label, score}` in pixels of
 * the original image). In a run's history an image names one `boxes2D` JSON file per box group
 * (`{"_type": "boxes2D", "path": "media/metadata/boxes2D/….boxes2D.json"}`, holding `box_data` and
 * `class_labels`); in a table's cell the group is the `box_data` list itself. A position is
 * `{minX, maxX, minY, maxY}` or `{middle: [x, y], width, height}`, relative to the image (0–1)
 * unless the box says `"domain": "pixel"`. Pure.
 */
import type { MediaBox } from "../../media/runMedia.ts";
import { isPlainObject } from "./values.ts";

/** One box group as read: its boxes and the names of its class ids. */
export interface BoxGroup {
  name: string;
  boxData: unknown;
  classLabels?: unknown;
}

export interface ConvertedBoxes {
  boxes: MediaBox[];
  /** What was wrong with each box left out: `predictions box 3: …`. */
  problems: string[];
}

/** Keys of `scores` taken as a box's score, in this order, when it has more than one. */
const SCORE_KEYS = ["score", "confidence", "conf", "prob", "probability"];

const num = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
/** Pixels kept to a thousandth: relative positions times a size give long fractions. */
const px = (v: number): number => Math.round(v * 1000) / 1000;

function scoreOf(scores: unknown): number | undefined {
  if (!isPlainObject(scores)) return undefined;
  const entries = Object.entries(scores).filter((e): e is [string, number] => num(e[1]));
  if (entries.length === 1) return entries[0]![1];
  for (const key of SCORE_KEYS) {
    const found = entries.find(([k]) => k.toLowerCase() === key);
    if (found) return found[1];
  }
  return undefined;
}

function labelOf(box: Record<string, unknown>, classLabels: unknown): string | undefined {
  const id = box.class_id;
  if ((typeof id === "number" || typeof id === "string") && isPlainObject(classLabels)) {
    const name = classLabels[String(id)];
    if (typeof name === "string" && name !== "") return name;
  }
  if (typeof box.box_caption === "string" && box.box_caption !== "") return box.box_caption;
  return typeof id === "number" ? `class_${id}` : undefined;
}

/** A box's corner and size in pixels, or why it has none. */
function place(box: Record<string, unknown>, size: { width: number; height: number } | null): { x: number; y: number; w: number; h: number } | string {
  const p = box.position;
  if (!isPlainObject(p)) return "it has no position";
  let x0: number, y0: number, w: number, h: number;
  if (num(p.minX) && num(p.maxX) && num(p.minY) && num(p.maxY)) {
    [x0, y0, w, h] = [p.minX, p.minY, p.maxX - p.minX, p.maxY - p.minY];
  } else if (Array.isArray(p.middle) && p.middle.length === 2 && num(p.middle[0]) && num(p.middle[1]) && num(p.width) && num(p.height)) {
    [x0, y0, w, h] = [p.middle[0] - p.width / 2, p.middle[1] - p.height / 2, p.width, p.height];
  } else return "its position is neither {minX, maxX, minY, maxY} nor {middle, width, height} with numbers";
  if (w < 0 || h < 0) return `its position has a negative size (${px(w)} × ${px(h)})`;
  if (box.domain === "pixel") return { x: px(x0), y: px(y0), w: px(w), h: px(h) };
  if (!size) return "its position is relative to the image, whose size is not known";
  return { x: px(x0 * size.width), y: px(y0 * size.height), w: px(w * size.width), h: px(h * size.height) };
}

/**
 * Every box of every group, in group then box order. With more than one group (predictions and
 * ground truth), labels name their group (`ground_truth: cat`) so the two stay apart.
 */
export function convertBoxes(groups: readonly BoxGroup[], size: { width: number; height: number } | null): ConvertedBoxes {
  const boxes: MediaBox[] = [];
  const problems: string[] = [];
  for (const group of groups) {
    if (!Array.isArray(group.boxData)) {
      problems.push(`${group.name}: expected a list of boxes (box_data), found ${group.boxData === null ? "null" : typeof group.boxData}`);
      continue;
    }
    group.boxData.forEach((raw, i) => {
      if (!isPlainObject(raw)) {
        problems.push(`${group.name} box ${i + 1}: not an object`);
        return;
      }
      const where = place(raw, size);
      if (typeof where === "string") {
        problems.push(`${group.name} box ${i + 1}: ${where}`);
        return;
      }
      const out: MediaBox = { ...where };
      const label = labelOf(raw, group.classLabels);
      if (label !== undefined) out.label = groups.length > 1 ? `${group.name}: ${label}` : label;
      const score = scoreOf(raw.scores);
      if (score !== undefined) out.score = score;
      boxes.push(out);
    });
  }
  return { boxes, problems };
}
