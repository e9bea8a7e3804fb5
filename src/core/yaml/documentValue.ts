import { visit, type Document } from "yaml";

/**
 * `doc.toJS()`, which throws when aliases expand past `maxAliasCount` (a "billion laughs" file),
 * as a value or an error at the first alias. Such a document is a user error, not a crash.
 */
export function documentValue(doc: Document, maxAliasCount: number): { ok: true; value: unknown } | { ok: false; offset: number; message: string } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount }) };
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    let offset = 0;
    visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    return { ok: false, offset, message: `aliases expand to too many nodes (more than ${maxAliasCount} alias uses); write the repeated values out` };
  }
}
