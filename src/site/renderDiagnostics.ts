import type { Diagnostic } from "../core/diagnostics.ts";

// Pages render in a bundle separate from the integration's module graph; a global key is the
// one thing both see within the build process.
const KEY = Symbol.for("runfolio.renderDiagnostics");
type Holder = { [KEY]?: Diagnostic[] };

export function recordRenderDiagnostics(list: readonly Diagnostic[]): void {
  const holder = globalThis as Holder;
  (holder[KEY] ??= []).push(...list);
}

export function takeRenderDiagnostics(): Diagnostic[] {
  const holder = globalThis as Holder;
  const list = holder[KEY] ?? [];
  holder[KEY] = [];
  return list;
}
