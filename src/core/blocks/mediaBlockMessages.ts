/**
 * Messages of the ` ```media ` block. Codes BLOCK068–BLOCK075 are this block's; permanent, never
 * reused. Keys, types and run sets keep the shared block codes (blocks/messages.ts).
 */
import type { Message } from "../diagnostics.ts";

export const mediaBlockMessages = {
  unknownKey: (key: string, suggestion: string | undefined, known: readonly string[]): Message => ({
    code: "BLOCK068",
    message: `none of the selected runs has media with the key \`${key}\``,
    hint: suggestion
      ? `did you mean \`${suggestion}\`?`
      : known.length
        ? `their media keys: ${known.slice(0, 12).join(", ")}${known.length > 12 ? ", …" : ""}`
        : "the selected runs log no media; write a media.jsonl in the run folder (docs/run-format.md, Media)",
  }),
  stepNotLogged: (step: number, key: string, near: readonly number[]): Message => ({
    code: "BLOCK069",
    message: `no selected run logged \`${key}\` at step ${step}`,
    ...(near.length ? { hint: `the nearest logged steps: ${near.join(", ")}` } : {}),
  }),
} as const;
