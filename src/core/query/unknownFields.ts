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
 * (identity fields always exist), each with a did-you-mean: the nearest label by edits, else the
 * fields that end in the same key (`config.lr` → `config.optimizer.lr`). Such a field is not an
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
    out.push({ node, message: exprMessages.noRunHasField(node.text, suggestFields(label, path.root, path.keys.at(-1)!, known)) });
  }
  return out;
}

function suggestFields(label: string, root: string, leaf: string, known: readonly string[]): string[] {
  const near = didYouMean(label, known);
  if (near !== undefined) return [near];
  const sameRoot = known.filter((k) => k.startsWith(`${root}.`));
  const lower = leaf.toLowerCase();
  const sameLeaf = sameRoot.filter((k) => {
    const last = k.slice(k.lastIndexOf(".") + 1).toLowerCase();
    return last === lower || (lower.length >= 3 && last.startsWith(lower));
  });
  if (sameLeaf.length) return sameLeaf.slice(0, MAX_SUGGESTIONS);
  const leafNear = didYouMean(leaf, sameRoot.map((k) => k.slice(k.lastIndexOf(".") + 1)));
  return leafNear === undefined ? [] : sameRoot.filter((k) => k.endsWith(`.${leafNear}`)).slice(0, MAX_SUGGESTIONS);
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
