/**
 * Message catalog of `runfolio export`'s media (codes RUN113–RUN114; permanent, never reused):
 * a run's media file the single exported file does not carry.
 */
import type { Message } from "../diagnostics.ts";

/** A file size as people read it: KB below a megabyte, else MB with one decimal. */
export const fileSize = (bytes: number): string => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`);
const instead = (linked: boolean): string => (linked ? "it links to the published site" : "it shows as a placeholder");
const HINT = "pass --site <url> to link it to the published site instead, or log a smaller file (a JPEG or WebP, or fewer frames)";

export const exportMessages = {
  mediaOverFileBudget: (file: string, bytes: number, budget: number, linked: boolean): Message => ({
    code: "RUN113",
    message: `${file} (${fileSize(bytes)}) is not in the exported file: an exported report holds media files up to ${fileSize(budget)} each; ${instead(linked)}`,
    hint: HINT,
  }),
  mediaOverTotalBudget: (file: string, bytes: number, budget: number, linked: boolean): Message => ({
    code: "RUN114",
    message: `${file} (${fileSize(bytes)}) is not in the exported file: the report's media before it already fill the ${fileSize(budget)} an exported report holds; ${instead(linked)}`,
    hint: HINT,
  }),
} as const;
