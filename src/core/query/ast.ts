/**
 * The run-set expression AST. Plain data (JSON serialisable): every node carries the `start`/`end`
 * offsets (0-based, end exclusive, UTF-16 code units) of the source text it was parsed from.
 */

/** Run fields a path can start with, after aliases are resolved (`params` → `config`, `metrics` → `summary`). */
export type FieldRoot =
  | "id"
  | "project"
  | "name"
  | "group"
  | "tags"
  | "state"
  | "created"
  | "duration"
  | "notes"
  | "steps"
  | "config"
  | "summary"
  | "git";

/**
 * A resolved field path. `keys` are the dot-separated segments after the root (backticked
 * segments are one key even when they contain dots; `/` never splits), empty for scalar fields.
 */
export interface FieldPath {
  root: FieldRoot;
  keys: readonly string[];
}

export interface Span {
  start: number;
  end: number;
}

export interface FieldNode extends Span {
  kind: "field";
  path: FieldPath;
  /** The path as written, e.g. `params.lr` or `` summary.`val loss` ``. */
  text: string;
}

export type LiteralValue = string | number | boolean | null;

export interface LiteralNode extends Span {
  kind: "literal";
  value: LiteralValue;
}

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface CompareExpr extends Span {
  kind: "compare";
  op: ComparisonOperator;
  field: FieldNode;
  value: LiteralNode;
}

/** `field in [a, b]` / `field not in [a, b]`. */
export interface InExpr extends Span {
  kind: "in";
  negated: boolean;
  field: FieldNode;
  values: LiteralNode[];
}

/** `field ~ "regex"` / `field !~ "regex"`. `pattern` is the string's raw text between the quotes. */
export interface MatchExpr extends Span {
  kind: "match";
  negated: boolean;
  field: FieldNode;
  pattern: string;
  /** Span of the pattern string, quotes included. */
  patternStart: number;
  patternEnd: number;
}

/** `tags has "x"` (also the bare form `has "x"`, whose field is `tags`). */
export interface HasExpr extends Span {
  kind: "has";
  field: FieldNode;
  value: LiteralNode;
}

export interface NotExpr extends Span {
  kind: "not";
  operand: Expr;
}

export interface AndExpr extends Span {
  kind: "and";
  left: Expr;
  right: Expr;
}

export interface OrExpr extends Span {
  kind: "or";
  left: Expr;
  right: Expr;
}

export type Expr = OrExpr | AndExpr | NotExpr | CompareExpr | InExpr | MatchExpr | HasExpr;

/** A parse error. `offset`/`length` locate the offending text in the parsed source (0-based). */
export interface ExpressionError {
  code: string;
  message: string;
  hint?: string;
  offset: number;
  length: number;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExpressionError };

export type FieldPathResult = { ok: true; path: FieldPath } | { ok: false; error: ExpressionError };
