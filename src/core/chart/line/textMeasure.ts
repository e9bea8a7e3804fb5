/**
 * Text widths for laying out a chart's axes. The page measures with the font it draws in (a
 * canvas and the axis text's computed font, `client/lineChart/measureText.ts`); the build has no
 * fonts, so the static SVG uses `estimateTextWidth`, whose advances are those of DejaVu Sans, the
 * widest of the common sans-serif fallbacks: labels placed with it keep apart in narrower fonts.
 */
export type TextMeasure = (text: string, fontSize: number, weight?: "normal" | "bold") => number;

/**
 * Advance widths, in em, of DejaVu Sans (regular) for printable ASCII from space (32) to `~` (126),
 * read from the font's `hmtx` table (advance / unitsPerEm, 3 decimals).
 */
const ADVANCE = [
  0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838, 0.531,
  1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748, 0.787,
  0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838, 0.5,
  0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634, 0.612,
  0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636, 0.838,
];
/** The same for DejaVu Sans Bold. */
const ADVANCE_BOLD = [
  0.348, 0.456, 0.521, 0.838, 0.696, 1.002, 0.872, 0.306, 0.457, 0.457, 0.523, 0.838, 0.38, 0.415, 0.38, 0.365,
  0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.696, 0.4, 0.4, 0.838, 0.838, 0.838, 0.58,
  1.0, 0.774, 0.762, 0.734, 0.83, 0.683, 0.683, 0.821, 0.837, 0.372, 0.372, 0.775, 0.637, 0.995, 0.837, 0.85,
  0.733, 0.85, 0.77, 0.72, 0.682, 0.812, 0.774, 1.103, 0.771, 0.724, 0.725, 0.457, 0.365, 0.457, 0.838, 0.5,
  0.5, 0.675, 0.716, 0.593, 0.716, 0.678, 0.435, 0.716, 0.712, 0.343, 0.343, 0.665, 0.343, 1.042, 0.712, 0.687,
  0.716, 0.716, 0.493, 0.595, 0.478, 0.712, 0.652, 0.924, 0.645, 0.652, 0.582, 0.712, 0.365, 0.712, 0.838,
];

export const estimateTextWidth: TextMeasure = (text, fontSize, weight = "normal") => {
  const table = weight === "bold" ? ADVANCE_BOLD : ADVANCE;
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // Outside ASCII: the minus sign and dashes are 0.838 em, other glyphs taken as a full em.
    em += code >= 32 && code <= 126 ? table[code - 32]! : ch === "−" || ch === "–" ? 0.838 : 1;
  }
  return em * fontSize;
};

/**
 * `text` cut with an ellipsis to fit `max` px (whole code points), or as it is when it fits.
 * `cut` says whether it was shortened, so the caller can keep the full text in a `<title>`.
 */
export function fitText(text: string, max: number, fontSize: number, measure: TextMeasure, weight: "normal" | "bold" = "normal"): { text: string; cut: boolean } {
  if (measure(text, fontSize, weight) <= max) return { text, cut: false };
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  // The longest prefix that fits with its ellipsis (binary search: widths grow with length).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(`${chars.slice(0, mid).join("")}…`, fontSize, weight) <= max) lo = mid;
    else hi = mid - 1;
  }
  return { text: `${chars.slice(0, lo).join("").trimEnd()}…`, cut: true };
}
