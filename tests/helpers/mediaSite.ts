import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

/**
 * A data folder with run-folder media, generated: `runs` runs of project `vision`, each logging
 * `perStep` distinct PNGs of `width`×`height` pixels (flat colours that differ per run, step and
 * sample) under the key `samples` at `steps` steps, plus — in the first run — an SVG (holding a
 * script that must never run), a WAV file and a box overlay, and in every run the same image
 * under `shared` (stored once). One report, `reports/media.md`, holds `reportBlock` (none when empty).
 */
export interface MediaSiteOptions {
  runs: number;
  steps: number;
  perStep: number;
  width: number;
  height: number;
  reportBlock: string;
  /** Extra markdown after the block (say, a chart), for the bench's comparison. */
  reportExtra?: string;
  /** `flat` colours (tiny files), or smooth `gradient`s that weigh what a photo thumbnail does. __Default:__ `flat`. */
  pattern?: "flat" | "gradient";
  /** Sample files as PNG or JPEG (quality 85, as photos are kept). __Default:__ `png`. */
  format?: "png" | "jpg";
  /** Leave out media.jsonl and media/ (the same runs without media, for the bench's baseline). */
  withoutMedia?: boolean;
}

const colour = (run: number, step: number, j: number) => ({ r: (run * 97 + j * 13) % 256, g: (step * 53 + j * 7) % 256, b: (run * 31 + step * 11 + j * 29) % 256 });

/** An image of one flat colour, or of a smooth gradient from that colour with a few rings. */
function samplePng(o: MediaSiteOptions, c: { r: number; g: number; b: number }): Promise<Buffer> {
  if (o.pattern !== "gradient") {
    const flat = sharp({ create: { width: o.width, height: o.height, channels: 3, background: c } });
    return (o.format === "jpg" ? flat.jpeg({ quality: 85 }) : flat.png()).toBuffer();
  }
  const raw = Buffer.alloc(o.width * o.height * 3);
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let y = 0; y < o.height; y++) {
    for (let x = 0; x < o.width; x++) {
      const i = (y * o.width + x) * 3;
      const ring = Math.sin(Math.hypot(x - o.width / 2, y - o.height / 2) / (8 + (c.g % 9))) * 24;
      raw[i] = clamp(c.r * 0.6 + (x * 100) / o.width + ring);
      raw[i + 1] = clamp(c.g * 0.6 + (y * 100) / o.height);
      raw[i + 2] = clamp(c.b * 0.6 + 40 + ring);
    }
  }
  const image = sharp(raw, { raw: { width: o.width, height: o.height, channels: 3 } });
  return (o.format === "jpg" ? image.jpeg({ quality: 85 }) : image.png()).toBuffer();
}

/** A tiny PCM WAV: 8 kHz, 8 bits, 0.1 s of silence. */
function wav(): Buffer {
  const data = Buffer.alloc(800, 128);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVEfmt ", 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(8000, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write("data", 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><script>window.__svgRan = true</script><rect width="40" height="20" fill="#c33"/></svg>`;

export async function writeMediaSite(root: string, o: MediaSiteOptions): Promise<void> {
  await rm(root, { recursive: true, force: true });
  const shared = await sharp({ create: { width: 24, height: 24, channels: 3, background: { r: 10, g: 200, b: 90 } } }).png().toBuffer();
  for (let r = 0; r < o.runs; r++) {
    const dir = path.join(root, "runs/vision", `run-${r}`);
    await mkdir(path.join(dir, "media/samples"), { recursive: true });
    await mkdir(path.join(dir, "media/shared"), { recursive: true });
    await writeFile(path.join(dir, "run.json"), JSON.stringify({ name: `run-${r}`, config: { seed: r } }) + "\n");
    await writeFile(path.join(dir, "history.csv"), `step,loss\n${Array.from({ length: o.steps }, (_, s) => `${s},${(1 / (s + 1 + r)).toFixed(4)}`).join("\n")}\n`);
    const lines: string[] = [];
    for (let s = 0; s < o.steps; s++) {
      for (let j = 0; j < o.perStep; j++) {
        const file = `media/samples/${s}_${j}.${o.format ?? "png"}`;
        if (!o.withoutMedia) await writeFile(path.join(dir, file), await samplePng(o, colour(r, s, j)));
        const line: Record<string, unknown> = { step: s, key: "samples", file, caption: `run ${r} step ${s} sample ${j}` };
        if (r === 0 && j === 0) line.boxes = [{ x: 4, y: 4, w: Math.floor(o.width / 2), h: Math.floor(o.height / 2), label: "cat", score: 0.91 }];
        lines.push(JSON.stringify(line));
      }
    }
    await writeFile(path.join(dir, "media/shared/0.png"), shared);
    lines.push(JSON.stringify({ step: 0, key: "shared", file: "media/shared/0.png" }));
    if (r === 0) {
      await mkdir(path.join(dir, "media/extras"), { recursive: true });
      await writeFile(path.join(dir, "media/extras/0.svg"), HOSTILE_SVG);
      await writeFile(path.join(dir, "media/extras/0.wav"), wav());
      lines.push(JSON.stringify({ step: 0, key: "extras", file: "media/extras/0.svg", caption: "<b>not bold</b>" }));
      lines.push(JSON.stringify({ step: 0, key: "extras", file: "media/extras/0.wav" }));
    }
    if (o.withoutMedia) await rm(path.join(dir, "media"), { recursive: true });
    else await writeFile(path.join(dir, "media.jsonl"), lines.join("\n") + "\n");
  }
  await mkdir(path.join(root, "reports"), { recursive: true });
  await writeFile(
    path.join(root, "reports/media.md"),
    `---\ntitle: Media\ndate: 2026-12-01\n---\n\nSamples per step.\n\n${o.reportBlock ? `\`\`\`media\n${o.reportBlock}\n\`\`\`\n\n` : ""}${o.reportExtra ?? ""}\n`,
  );
}
