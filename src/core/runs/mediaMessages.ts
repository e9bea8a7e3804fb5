/**
 * Message catalog for a run folder's media index (`media.jsonl`). Codes RUN080–RUN089 are this
 * file's; they are permanent and never reused. JSON syntax, wrong types and unknown keys keep
 * their RUN0xx codes from runs/messages.ts.
 */
import type { Message } from "../diagnostics.ts";

const KINDS = "images (png, jpg, jpeg, webp, gif, svg), audio (wav, mp3) or video (mp4, webm)";

export const mediaMessages = {
  missingField: (field: string, line: number): Message => ({
    code: "RUN080",
    message: `line ${line} has no \`${field}\``,
    hint: 'each line of media.jsonl needs `step`, `key` and `file`: {"step": 3, "key": "samples", "file": "media/samples/3_0.png"}',
  }),
  badPath: (found: string, why: string): Message => ({
    code: "RUN081",
    message: `expected \`file\` to be a path under media/ in this run folder, found ${found}: ${why}`,
    hint: 'write the path relative to the run folder with "/" between folders, such as "media/samples/3_0.png"',
  }),
  unknownExtension: (found: string): Message => ({
    code: "RUN082",
    message: `expected \`file\` to end in the extension of an image, audio or video file, found ${found}`,
    hint: `Runfolio shows ${KINDS}; convert the file to one of these`,
  }),
  missingFile: (file: string): Message => ({
    code: "RUN083",
    message: `the file ${file} does not exist (this item is left out)`,
    hint: "write the file under the run folder's media/ folder, or correct the path; paths are case-sensitive",
  }),
  linkOutside: (file: string, target: string): Message => ({
    code: "RUN084",
    message: `${file} is a symbolic link that leads outside its run folder (to ${target}); it is not read`,
    hint: "copy the file into the run folder's media/ folder instead of linking to it",
  }),
  unreadableImage: (file: string, problem: string): Message => ({
    code: "RUN085",
    message: `${file} cannot be shown: ${problem} (this item is left out)`,
    hint: "give the file the extension of its format, or write it again (it may be cut short)",
  }),
  sizeDiffers: (declared: string, actual: string): Message => ({
    code: "RUN086",
    message: `\`width\` and \`height\` say ${declared} but the image is ${actual} pixels; the image's own size is used`,
    hint: "leave out `width` and `height` for images, or correct them",
  }),
  boxOutside: (path: string, box: string, image: string): Message => ({
    code: "RUN087",
    message: `box \`${path}\` (${box}) lies outside the ${image} image; it is drawn clipped`,
    hint: "boxes are in pixels of the original image: x and y from its top-left corner, w and h its size",
  }),
  svgWithoutSize: (file: string, problem: string): Message => ({
    code: "RUN088",
    message: `the size of ${file} is not known: ${problem}; it is shown at the given \`width\` and \`height\`, else at 300×150`,
    hint: "give the <svg> element width and height in pixels, or a viewBox, so the page keeps its place while it loads",
  }),
  boxesNotOnImage: (kind: string): Message => ({
    code: "RUN089",
    message: `\`boxes\` are drawn over images only; this item is ${kind === "audio" ? "audio" : "a video"} (they are ignored)`,
  }),
} as const;
