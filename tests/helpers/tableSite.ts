/**
 * A small data folder with per-example tables: two image classifiers' predictions on the same 600
 * examples (model-a's table per step, model-b's without), tiny PNGs the rows show, a CSV table,
 * and a report joining the two. Deterministic; the rules are exported so tests compute what the
 * pages must say instead of copying numbers.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";

export const CLASSES = ["cat", "dog", "bird"] as const;
export const EXAMPLES = 600;
export const label = (i: number): string => CLASSES[i % 3]!;
/** model-a is wrong on every 7th example at its last step, model-b on every 5th; a wrong guess is the next class. */
export const wrongA = (i: number): boolean => i % 7 === 0;
export const wrongB = (i: number): boolean => i % 5 === 0;
const guess = (i: number, wrong: boolean): string => (wrong ? CLASSES[(i + 1) % 3]! : label(i));
export const scoreA = (i: number): number => Number((0.5 + ((i * 37) % 50) / 100).toFixed(2));
export const scoreB = (i: number): number => Number((0.5 + ((i * 53) % 50) / 100).toFixed(2));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** A 16×16 PNG of one colour with a darker diagonal. */
export function tinyPng(rgb: [number, number, number]): Buffer {
  const size = 16;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const d = x === y ? 0.5 : 1;
      row[1 + x * 3] = Math.round(rgb[0] * d);
      row[2 + x * 3] = Math.round(rgb[1] * d);
      row[3 + x * 3] = Math.round(rgb[2] * d);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

const COLOURS: [number, number, number][] = [[220, 80, 60], [60, 140, 220], [90, 180, 90], [230, 180, 40]];

export const TABLE_REPORT = `---
title: Error analysis
date: 2026-01-05
---

Where do the two models disagree?

\`\`\`table
title: Predictions of both models
runs: project = "eval"
key: preds
join: id
columns: [image, label, pred, score]
page_size: 10
\`\`\`
`;

export async function writeTableSite(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  for (const [name, wrong, score, stepped] of [["model-a", wrongA, scoreA, true], ["model-b", wrongB, scoreB, false]] as const) {
    const run = path.join(dir, "runs/eval", name);
    await mkdir(path.join(run, "tables"), { recursive: true });
    await mkdir(path.join(run, "media/preds"), { recursive: true });
    await writeFile(path.join(run, "run.json"), JSON.stringify({ name, state: "finished", config: { model: name } }));
    for (let c = 0; c < COLOURS.length; c++) await writeFile(path.join(run, `media/preds/${c}.png`), tinyPng(COLOURS[c]!));
    const lines: string[] = [];
    // model-a's first step guesses every example wrong: the table shows its last step.
    if (stepped) for (let i = 0; i < EXAMPLES; i++) lines.push(JSON.stringify({ step: 0, id: i, label: label(i), pred: guess(i, true), score: 0.1 }));
    for (let i = 0; i < EXAMPLES; i++) {
      const row = `{${stepped ? '"step": 1, ' : ""}"id": ${i}, "image": {"media": "media/preds/${i % 4}.png"}, "label": "${label(i)}", "pred": "${guess(i, wrong(i))}", "score": ${i === 3 ? "NaN" : score(i)}}`;
      lines.push(row);
    }
    await writeFile(path.join(run, "tables/preds.jsonl"), lines.join("\n") + "\n");
  }
  await writeFile(path.join(dir, "runs/eval/model-a/tables/errors.csv"), "id,label,pred,note\n007,cat,dog,\"blurry, dark\"\n14,dog,cat,inf\n");
  await mkdir(path.join(dir, "reports"), { recursive: true });
  await writeFile(path.join(dir, "reports/errors.md"), TABLE_REPORT);
}
