/**
 * Message catalog for what importers bring across beyond scalars (media, tables, histograms,
 * system metrics, evaluation plots). Codes are permanent and never reused: IMP046–IMP060.
 */
import type { Message } from "../diagnostics.ts";

export const mediaMessages = {
  unsafePath: (what: string, path: string, reason: string): Message => ({
    code: "IMP046",
    message: `${what} names the path "${path}", which is refused: ${reason}`,
    hint: "an export's files must stay inside its folder; the run is not imported (fix or remove the reference to import it)",
  }),
  tableShape: (expected: string, found: string): Message => ({
    code: "IMP047",
    message: `expected ${expected}, found ${found}`,
    hint: "a W&B or MLflow table file is {\"columns\": [names…], \"data\": [[cells…], …]}",
  }),
  eventsLine: (line: number, detail: string): Message => ({
    code: "IMP048",
    message: `line ${line} of the system-metrics file is not a JSON object (${detail}); that sample is left out`,
    hint: "a run killed while writing leaves a cut-off last line; the other samples are imported",
  }),
  plotShape: (expected: string, found: string): Message => ({
    code: "IMP049",
    message: `plot data: expected ${expected}, found ${found}`,
    hint: "the plot is not imported; the other files of the run are",
  }),
  boxesLeftOut: (key: string, step: number, count: number, problems: readonly string[]): Message => ({
    code: "IMP051",
    message: `${count} ${count === 1 ? "box" : "boxes"} of the image "${key}" at step ${step} ${count === 1 ? "is" : "are"} left out: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? `; and ${problems.length - 3} more` : ""}`,
    hint: "a W&B box needs a position {minX, maxX, minY, maxY} or {middle, width, height}; relative positions need the image's size",
  }),
  boxesFile: (file: string, detail: string): Message => ({
    code: "IMP052",
    message: `the box file ${file} is not a JSON object with box_data (${detail}); the image is imported without these boxes`,
    hint: "W&B writes one media/metadata/boxes2D/*.boxes2D.json per box group; copy it again from the run's files",
  }),
  plotColumn: (column: string, found: string): Message => ({
    code: "IMP050",
    message: `plot data: expected a number in "${column}", found ${found}`,
    hint: "the plot is not imported; the other files of the run are",
  }),
} as const;
