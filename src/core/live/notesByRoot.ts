/**
 * A value per data root that the loaders note after each sync and the pages read. The loaders run
 * in Vite's module runner and the pages in another module graph (the bundle, in a build), so the notes
 * live on `globalThis` under a registered symbol (`runfolio.<name>`), one map per name.
 */
export interface NotesByRoot<T> {
  /** The loader's value for the data root `root`, after each sync. */
  note(root: string, value: T): void;
  /** The value last noted for `root`; null when no loader synced it in this process. */
  noted(root: string): T | null;
}

export function notesByRoot<T>(name: string): NotesByRoot<T> {
  const key = Symbol.for(`runfolio.${name}`);
  const holder = globalThis as { [key]?: Map<string, T> };
  const notes = (): Map<string, T> => (holder[key] ??= new Map());
  return {
    note: (root, value) => void notes().set(root, value),
    noted: (root) => notes().get(root) ?? null,
  };
}
