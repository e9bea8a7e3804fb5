/**
 * Message catalog for a run folder's histogram files (`histograms/<key>.jsonl`, RUN100–RUN106)
 * and system metrics (`system.jsonl`, RUN107–RUN112). Codes are permanent and never reused;
 * problems every run file shares (invalid JSON, a line that is not an object, a wrong type, an
 * unknown key) keep their codes from runs/messages.ts.
 */
import type { Message } from "../diagnostics.ts";

export const runDataMessages = {
  edgesNotIncreasing: (index: number, value: number, previous: number): Message => ({
    code: "RUN100",
    message: `expected \`edges\` to increase strictly, but \`edges[${index}]\` is ${value} after ${previous}`,
    hint: "bin edges are sorted from low to high with no two equal (TensorBoard's and W&B's `bins`)",
  }),
  binCountMismatch: (edges: number, counts: number): Message => ({
    code: "RUN101",
    message: `\`edges\` has ${edges} value${edges === 1 ? "" : "s"} but \`counts\` has ${counts}: a histogram has one more edge than counts`,
    hint: "edges bound the bins: n bins have n + 1 edges",
  }),
  negativeCount: (index: number, found: number): Message => ({
    code: "RUN102",
    message: `expected a count from 0 on for \`counts[${index}]\`, found ${found}`,
    hint: "counts are how many values fell in each bin",
  }),
  duplicateHistogramStep: (step: number, firstLine: number): Message => ({
    code: "RUN103",
    message: `step ${step} has a histogram already, on line ${firstLine}`,
    hint: "a histogram file holds one histogram per step",
  }),
  notFiniteNumber: (path: string, found: string): Message => ({
    code: "RUN104",
    message: `expected a finite number for \`${path}\`, found ${found}`,
    hint: "edges and counts must be finite; a histogram of values with NaN or Infinity leaves those values out",
  }),
  noBins: (): Message => ({
    code: "RUN105",
    message: "expected at least one bin, found `counts: []`",
    hint: "a histogram has at least two edges and one count",
  }),
  emptyFile: (what: string): Message => ({
    code: "RUN106",
    message: `the file holds no ${what}`,
    hint: "one JSON object per line; an empty file can be deleted",
  }),
  badTime: (found: string): Message => ({
    code: "RUN107",
    message: `expected \`time\` to be unix seconds (a finite number from 0 on), found ${found}`,
    hint: "each sample needs the wall-clock time it was taken, e.g. Python's time.time()",
  }),
  systemNotNumber: (key: string, found: string): Message => ({
    code: "RUN108",
    message: `expected a number or null for \`${key}\`, found ${found}`,
    hint: "system metrics are numbers (percent, MB, °C, W); null marks a value that could not be read",
  }),
  timeGoesBack: (time: number, previous: number): Message => ({
    code: "RUN109",
    message: `\`time\` ${time} is earlier than the sample before it (${previous}): samples are drawn in time order`,
    hint: "the samples are sorted by time; a clock change while sampling can cause this",
  }),
  emptySystemKey: (line: number): Message => ({
    code: "RUN110",
    message: `a metric on line ${line} has an empty name (it is ignored)`,
    hint: "name system metrics with dots, e.g. `gpu.0.utilization`",
  }),
  duplicateTime: (time: number, firstLine: number): Message => ({
    code: "RUN111",
    message: `a sample at time ${time} is on line ${firstLine} already (both are kept)`,
    hint: "a sampler writes one line per sample time",
  }),
  notFiniteSystem: (key: string): Message => ({
    code: "RUN112",
    message: `\`${key}\` is NaN or infinite: it is drawn as a gap`,
  }),
} as const;
