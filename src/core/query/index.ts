/** Run-set expressions, field paths and run queries. Pure and browser-safe: no `node:` or DOM imports. */
export type {
  AndExpr,
  CompareExpr,
  ComparisonOperator,
  Expr,
  ExpressionError,
  FieldNode,
  FieldPath,
  FieldPathResult,
  FieldRoot,
  HasExpr,
  InExpr,
  LiteralNode,
  LiteralValue,
  MatchExpr,
  NotExpr,
  OrExpr,
  ParseResult,
  Span,
} from "./ast.ts";
export { parseExpression } from "./parseExpression.ts";
export { conditionsOf, evaluateExpression, referencedFields, selectRuns, type ConditionExpr } from "./evaluateExpression.ts";
export { fieldLabel, getField, parseFieldPath, ROOT_NAMES, SCALAR_FIELDS } from "./fieldPath.ts";
export { sortRuns, type SortKey } from "./sortRuns.ts";
export { formatExpressionError } from "./formatExpressionError.ts";
export { tokenize, type Token } from "./tokenize.ts";
export { canonicalDate } from "./compareValues.ts";
/** The one text ordering (`compareText`), under the name the site data imports it by. */
export { exprMessages } from "./messages.ts";
export { compileRegex, type CompileRegexResult, type RegexCompiler, type RegexError, type UserRegex } from "./compileRegex.ts";
export { parseExpressionWith } from "./parser.ts";
