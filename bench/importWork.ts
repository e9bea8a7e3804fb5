import { readFile, writeFile } from "node:fs/promises";
import { importLightning } from "../src/core/import/lightning.ts";
import { writeRunFolder } from "../src/core/import/writeRunFolder.ts";
import { mulberry32 } from "../src/core/stats/random.ts";

/**
 * A Lightning CSVLogger file of `rows` rows, as the logger writes it: train rows every step and a
 * validation row every 100 steps with only its own column set (sparse, CRLF).
 */
export async function writeLightningCsv(file: string, rows: number): Promise<void> {
  const rand = mulberry32(7);
  const lines = ["epoch,step,train/loss,train/lr,val/loss"];
  for (let s = 0; s < rows; s++) {
    const epoch = Math.floor(s / 5000);
    if (s % 100 === 99) lines.push(`${epoch},${s},,,${(2 * Math.pow(s + 10, -0.2) + 0.01 * rand()).toPrecision(8)}`);
    else lines.push(`${epoch},${s},${(2.2 * Math.pow(s + 10, -0.2) + 0.05 * rand()).toPrecision(8)},${(1e-3 * (1 - s / rows)).toPrecision(6)},`);
  }
  await writeFile(file, lines.join("\r\n") + "\r\n");
}

/** `runfolio import --format lightning` on one file without the disk writes: read, convert, write canonical text. */
export async function importOnce(file: string): Promise<{ rows: number; bytesOut: number }> {
  const text = await readFile(file, "utf8");
  const result = importLightning([{ path: "version_0/metrics.csv", text }], { project: "bench" });
  if (result.diagnostics.some((d) => d.severity === "error")) throw new Error(result.diagnostics[0]!.message);
  const out = writeRunFolder(result.runs[0]!);
  return { rows: result.runs[0]!.history?.rows.length ?? 0, bytesOut: (out["history.csv"] ?? "").length };
}

/** The plain read the import is compared with. */
export async function plainRead(file: string): Promise<number> {
  return (await readFile(file, "utf8")).length;
}
