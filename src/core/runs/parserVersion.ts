/**
 * Bump when parsing gives different runs for the same bytes (a new rule, a fixed bug): digests
 * then change, so content-layer caches made by an older Runfolio are not reused.
 */
export const RUN_PARSER_VERSION = 10;
