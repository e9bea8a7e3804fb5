import { didYouMean, type Message } from "../diagnostics.ts";
import type { Expr, FieldNode } from "./ast.ts";
import { fieldLabel, getField } from "./fieldPath.ts";
import { fieldLabelsOfRuns, type FieldSource } from "./fields.ts";
import { exprMessages } from "./messages.ts";
import type { Run } from "../run.ts";

/** A field an expression names that no run has, with what it most likely meant. */
export interface UnknownField {
  /** Where the field is written in the expression. */
  node: FieldNode;
  message: Message;
}

const MAX_SUGGESTIONS = 3;

/**
 * The `config.*`, `summary.*` and `git.*` fields of an expression that none of the runs has
 * (identity fields always exist), each with a did-you-mean: the fields that end in the same key
 * (`config.lr` → `config.optimizer.lr`), else the nearest key by edits (`config.batchsize` →
 * `config.batch_size`). Such a field is not an
 * error (a run without it simply does not match), but it is the usual reason a filter matches nothing.
 */
export function unknownFields(expr: Expr, runs: readonly Run[]): UnknownField[] {
  const out: UnknownField[] = [];
  const seen = new Set<string>();
  let known: string[] | null = null;
  for (const node of fieldNodes(expr)) {
    const { path } = node;
    if (path.keys.length === 0) continue;
    const label = fieldLabel(path);
    if (seen.has(label)) continue;
    seen.add(label);
    if (runs.some((r) => getField(r, path) !== undefined)) continue;
    known ??= fieldLabelsOfRuns(runs as readonly FieldSource[]);
    out.push({ node, message: exprMessages.noRunHasField(node.text, suggestFields(path.root, path.keys, known)) });
  }
  return out;
}

function suggestFields(root: string, keys: readonly string[], known: readonly string[]): string[] {
  // Compared without the root: every `config.` label is already six characters "close".
  const prefix = `${root}.`;
  const sameRoot = known.filter((k) => k.startsWith(prefix));
  const leaf = keys.at(-1)!.toLowerCase();
  const leafOf = (k: string) => k.slice(k.lastIndexOf(".") + 1).toLowerCase();
  const sameLeaf = sameRoot.filter((k) => leafOf(k) === leaf);
  if (sameLeaf.length) return sameLeaf.slice(0, MAX_SUGGESTIONS);
  const near = didYouMean(keys.join("."), sameRoot.map((k) => k.slice(prefix.length)));
  if (near !== undefined) return [prefix + near];
  const leafNear = didYouMean(leaf, sameRoot.map(leafOf));
  return leafNear === undefined ? [] : sameRoot.filter((k) => leafOf(k) === leafNear).slice(0, MAX_SUGGESTIONS);
}

/** Every field node of an expression, in source order. */
function fieldNodes(expr: Expr): FieldNode[] {
  const nodes: FieldNode[] = [];
  const stack: Expr[] = [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === "or" || e.kind === "and") stack.push(e.right, e.left);
    else if (e.kind === "not") stack.push(e.operand);
    else if ("field" in e) nodes.push(e.field);
  }
  return nodes;
}
