/**
 * Message catalog for evaluation plot files (`plots/<name>.json` in a run folder). Codes are
 * permanent and never reused; shape problems shared with every run file (wrong type, unknown key,
 * invalid JSON) keep their RUN0xx codes from runs/messages.ts.
 */
import type { Message } from "../diagnostics.ts";

export const PLOT_TYPES = ["confusion", "pr", "roc"] as const;

export const plotMessages = {
  unknownType: (found: string, suggestion: string | undefined): Message => ({
    code: "RUN070",
    message: `expected \`type\` to be "confusion", "pr" or "roc", found ${found}`,
    hint: suggestion !== undefined ? `did you mean "${suggestion}"?` : "a plot file holds a confusion matrix (`confusion`) or a precision-recall (`pr`) or ROC (`roc`) curve",
  }),
  countMismatch: (path: string, count: number, unit: string, labels: number): Message => ({
    code: "RUN071",
    message: `\`${path}\` has ${count} ${unit}${count === 1 ? "" : "s"} but \`labels\` has ${labels} label${labels === 1 ? "" : "s"}`,
    hint: "a confusion matrix has one row and one column per label; multi-class scores have one score per label in each row",
  }),
  lengthMismatch: (path: string, count: number, reference: string, referenceCount: number): Message => ({
    code: "RUN072",
    message: `\`${path}\` has ${count} value${count === 1 ? "" : "s"} but \`${reference}\` has ${referenceCount}`,
    hint: "these lists hold one entry per example (or per point), in the same order",
  }),
  notALabel: (path: string, found: string): Message => ({
    code: "RUN073",
    message: `\`${path}\` is ${found}, which is not one of \`labels\``,
    hint: "add it to `labels`, or correct the value (labels match exactly: 1 and \"1\" differ)",
  }),
  notFinite: (path: string, found: string): Message => ({
    code: "RUN074",
    message: `expected a finite number for \`${path}\`, found ${found}`,
    hint: "scores and points must be finite; drop the example or replace the value",
  }),
  notBinary: (path: string, found: string): Message => ({
    code: "RUN075",
    message: `expected 0, 1, false or true for \`${path}\` of a binary curve, found ${found}`,
    hint: "for more than two classes give `labels` and, per example, one score per label (`scores: [[…], …]`)",
  }),
  duplicateStep: (step: string): Message => ({
    code: "RUN076",
    message: `two plots in this file are for ${step}`,
    hint: "give each plot in a list its own `step`",
  }),
  duplicateLabel: (label: string): Message => ({
    code: "RUN077",
    message: `label ${label} appears twice in \`labels\``,
  }),
  oneClassOnly: (what: string, missing: "positive" | "negative", curve: "pr" | "roc"): Message => ({
    code: "RUN078",
    message: `${what} has no ${missing} examples: its curve is drawn without ${curve === "roc" ? "an AUC" : "an average precision"}`,
    hint: "an evaluation set with examples of every class gives every curve an area",
  }),
  outOfUnitRange: (path: string, found: number): Message => ({
    code: "RUN079",
    message: `expected a rate from 0 to 1 for \`${path}\`, found ${found}`,
    hint: "curve points are rates (recall, precision, false and true positive rates), not counts or percentages",
  }),
} as const;
