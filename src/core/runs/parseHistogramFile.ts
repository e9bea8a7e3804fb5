/**
 * A run folder's histogram file, `histograms/<key>.jsonl`: one histogram per line
 * (`{"step": 100, "edges": [...], "counts": [...]}`), as TensorBoard and W&B store them. Every
 * problem is reported at its position; a file with an error yields no histograms (the run keeps
 * its other files), like a plot file.
 */
import type { Diagnostic } from "../diagnostics.ts";
import { didYouMean } from "../diagnostics.ts";
import type { HistogramSeries } from "../plots/runData.ts";
import { FileDiagnostics } from "./FileDiagnostics.ts";
import { forEachJsonLine } from "./jsonLines.ts";
import { runMessages } from "./messages.ts";
import { describeJsonValue, stripBom } from "./parseJsonWithPositions.ts";
import { runDataMessages } from "./runDataMessages.ts";
import type { SourceText } from "./runFileTypes.ts";

const KEYS = ["step", "edges", "counts"] as const;
const EXPECTED = {
  step: "a whole number from 0 on",
  edges: "a list of numbers (the bin edges)",
  counts: "a list of numbers (the count of each bin)",
} as const;

export interface ParsedHistogramFile {
  /** Null when the file has an error. */
  series: HistogramSeries | null;
  diagnostics: Diagnostic[];
}

/** The key of a histogram file: its path under `histograms/` without `.jsonl`. */
export function histogramKeyOf(file: string): string {
  const parts = file.split("/");
  const at = parts.indexOf("histograms", 3);
  return parts.slice(at + 1).join("/").replace(/\.jsonl$/i, "");
}

export function parseHistogramFile(file: SourceText): ParsedHistogramFile {
  const text = stripBom(file.text);
  const diags = new FileDiagnostics(file.path, text);
  const rows: { step: number; edges: number[]; counts: number[] }[] = [];
  const stepLines = new Map<number, number>();
  forEachJsonLine(text, diags, ({ value, line, at }) => {
    for (const key of Object.keys(value)) {
      if (!(KEYS as readonly string[]).includes(key)) diags.at(at([key], true), "warning", runMessages.unknownKey(key, didYouMean(key, KEYS), KEYS), key.length + 2);
    }
    let ok = true;
    const wrong = (key: (typeof KEYS)[number], found: unknown): void => {
      diags.at(found === undefined ? at([]) : at([key]), "error", runMessages.wrongType(key, EXPECTED[key], found === undefined ? "nothing" : describeJsonValue(found)));
      ok = false;
    };
    const step = value.step;
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0) wrong("step", step);
    const lists: Partial<Record<"edges" | "counts", number[]>> = {};
    for (const key of ["edges", "counts"] as const) {
      const list = value[key];
      if (!Array.isArray(list)) {
        wrong(key, list);
        continue;
      }
      let listOk = true;
      list.forEach((v: unknown, i) => {
        if (typeof v !== "number") {
          diags.at(at([key, i]), "error", runMessages.wrongType(`${key}[${i}]`, "a number", describeJsonValue(v)));
          listOk = false;
        } else if (!Number.isFinite(v)) {
          diags.at(at([key, i]), "error", runDataMessages.notFiniteNumber(`${key}[${i}]`, describeJsonValue(v)));
          listOk = false;
        } else if (key === "counts" && v < 0) {
          diags.at(at([key, i]), "error", runDataMessages.negativeCount(i, v));
          listOk = false;
        }
      });
      if (listOk) lists[key] = list as number[];
      else ok = false;
    }
    const { edges, counts } = lists;
    if (edges) {
      for (let i = 1; i < edges.length; i++) {
        if (!(edges[i]! > edges[i - 1]!)) {
          diags.at(at(["edges", i]), "error", runDataMessages.edgesNotIncreasing(i, edges[i]!, edges[i - 1]!));
          ok = false;
          break;
        }
      }
    }
    if (counts && counts.length === 0) {
      diags.at(at(["counts"]), "error", runDataMessages.noBins());
      ok = false;
    } else if (edges && counts && edges.length !== counts.length + 1) {
      diags.at(at(["edges"]), "error", runDataMessages.binCountMismatch(edges.length, counts.length));
      ok = false;
    }
    if (typeof step === "number" && Number.isInteger(step) && step >= 0) {
      const first = stepLines.get(step);
      if (first !== undefined) {
        diags.at(at(["step"]), "error", runDataMessages.duplicateHistogramStep(step, first));
        ok = false;
      } else stepLines.set(step, line);
    }
    if (ok) rows.push({ step: step as number, edges: edges!, counts: counts! });
  });
  if (diags.hasErrors) return { series: null, diagnostics: diags.done() };
  if (rows.length === 0) {
    diags.whole("warning", runDataMessages.emptyFile("histograms"));
    return { series: null, diagnostics: diags.done() };
  }
  rows.sort((a, b) => a.step - b.step);
  const series: HistogramSeries = { key: histogramKeyOf(file.path), steps: rows.map((r) => r.step), edges: rows.map((r) => r.edges), counts: rows.map((r) => r.counts) };
  return { series, diagnostics: diags.done() };
}
