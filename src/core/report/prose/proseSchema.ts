import { defaultSchema, type Options as Schema } from "rehype-sanitize";

/**
 * A URL into the site itself: no scheme and not protocol-relative. Browsers drop tabs and
 * newlines inside URLs and leading spaces and controls before them, and read `\` as `/`, so
 * this does too.
 */
export const SITE_URL = /^(?![\x00-\x20]*(?:[a-z][a-z\d+.\-\t\n\r]*:|[\\/][\t\n\r]*[\\/]))/i;

/**
 * What report prose may contain once sanitized: GitHub's allow-list (rehype-sanitize's default)
 * plus a few harmless text elements, with `<script>` and `<style>` dropped with their content.
 * No event handlers, `style`, forms, frames or embeds; `href` accepts relative URLs and the
 * listed schemes (so no `javascript:`, `vbscript:` or `data:`). Images load from the site itself
 * only, as its Content-Security-Policy (`img-src 'self'`) would block any other. User `id` and
 * `name` values get the `user-content-` prefix so they cannot shadow the site's own elements.
 */
export const proseSchema: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), "abbr", "caption", "figcaption", "figure", "mark", "small", "u"],
  // Comments never run; `runfolio new` writes guidance in them. The sanitizer ends each at its first `-->`.
  allowComments: true,
  // Unwrapping these would show their code or CSS as page text.
  strip: ["script", "style"],
  attributes: {
    ...defaultSchema.attributes,
    abbr: ["title"],
    img: [...(defaultSchema.attributes?.img ?? []).filter((a) => a !== "src"), ["src", SITE_URL]],
    // `srcset` lists URLs the allow-list cannot check one by one.
    source: [],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
  },
};

/** The prefix the schema puts before user `id` and `name` values. */
export const USER_CONTENT_PREFIX = proseSchema.clobberPrefix ?? "user-content-";
