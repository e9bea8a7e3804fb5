/**
 * The histogram and system files of a run folder at load time: each is parsed once for its
 * diagnostics and its index (keys, steps, metric names); the data itself is read again when a
 * chart draws it (loadRunData.ts), so loaded runs stay small.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { compareText } from "../format/compareText.ts";
import type { RunHistogramRef, RunSystemRef } from "../plots/runData.ts";
import { parseHistogramFile } from "./parseHistogramFile.ts";
import { parseSystemFile } from "./parseSystemFile.ts";
import { isHistogramFile, isSystemFile } from "./runDataFiles.ts";
import type { SourceText } from "./runFileTypes.ts";

export function readRunDataFiles(files: readonly SourceText[], diagnostics: Diagnostic[]): { histograms?: RunHistogramRef[]; system?: RunSystemRef } {
  const out: { histograms?: RunHistogramRef[]; system?: RunSystemRef } = {};
  const histograms: RunHistogramRef[] = [];
  for (const f of files) {
    if (isHistogramFile(f.path)) {
      const parsed = parseHistogramFile(f);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.series) histograms.push({ key: parsed.series.key, file: f.path, steps: parsed.series.steps.length });
    } else if (isSystemFile(f.path)) {
      const parsed = parseSystemFile(f);
      diagnostics.push(...parsed.diagnostics);
      if (parsed.samples) out.system = { file: f.path, metrics: Object.keys(parsed.samples.metrics), samples: parsed.samples.time.length };
    }
  }
  if (histograms.length > 0) out.histograms = histograms.sort((a, b) => compareText(a.key, b.key));
  return out;
}
