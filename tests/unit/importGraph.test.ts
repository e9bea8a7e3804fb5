/**
 * The import graph of src/ has no cycles. ESLint's import-x/no-cycle sees only imports that
 * remain at run time; this also counts `import type` (a type shared both ways belongs in a module
 * of its own) and the graph of folders, where a cycle means two folders are really one module.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Folder cycles accepted, each with its reason: none. */
const ACCEPTED_FOLDER_CYCLES: readonly (readonly string[])[] = [];

/**
 * The unit a folder belongs to for the folder check: a package of src/core (src/core/chart), or a
 * top folder of src (src/client, src/pages). A package's subfolders are its internals (chart/line,
 * chart/kinds; client/lineChart), so they and the package may import each other as files of one
 * folder may; a cycle between two units still means they are really one module.
 */
function unitOf(folder: string): string {
  const parts = folder.split("/");
  return parts.slice(0, parts[1] === "core" ? 3 : 2).join("/");
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) sourceFiles(rel, out);
    else if (/\.(ts|astro)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out;
}

/** The script parts of a file: all of a .ts file; an .astro file's frontmatter and <script>s. */
function scriptText(file: string): string {
  const text = readFileSync(path.join(root, file), "utf8");
  if (!file.endsWith(".astro")) return text;
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  return [frontmatter, ...scripts].join("\n");
}

/** file → the files under src/ it imports (relative specifiers; type-only and dynamic included). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(scriptText(file), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
      .filter((target) => known.has(target) && existsSync(path.join(root, target)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan), each sorted. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Each edge inside a cycle, as "a -> b", so a failure names the imports to change. */
function edgesWithin(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  return component.flatMap((a) => (graph.get(a) ?? []).filter((b) => members.has(b)).map((b) => `${a} -> ${b}`));
}

describe("the import graph of src/", () => {
  const files = sourceFiles("src").sort();
  const graph = importGraph(files);

  it("sees the project's imports", () => {
    expect(graph.get("src/core/report/renderBlock.ts")).toContain("src/core/report/renderChartBlock.ts");
    expect(graph.get("src/pages/runs/index.astro")).toContain("src/core/table/renderRunsTable.ts");
  });

  it("has no cycle between files, type-only imports included", () => {
    expect(cycles(graph).map((c) => edgesWithin(graph, c))).toEqual([]);
  });

  it("has no cycle between folders (tests aside) but the accepted ones", () => {
    const folderGraph = new Map<string, Set<string>>();
    for (const [file, targets] of graph) {
      if (file.endsWith(".test.ts")) continue;
      const from = unitOf(path.posix.dirname(file));
      const edges = folderGraph.get(from) ?? new Set<string>();
      folderGraph.set(from, edges);
      for (const target of targets) {
        const to = unitOf(path.posix.dirname(target));
        if (to !== from) edges.add(to);
      }
    }
    const asLists = new Map([...folderGraph].map(([k, v]) => [k, [...v]]));
    const accepted = new Set(ACCEPTED_FOLDER_CYCLES.map((c) => [...c].sort().join(" ")));
    const unexpected = cycles(asLists).filter((c) => !accepted.has(c.join(" ")));
    expect(unexpected.map((c) => edgesWithin(asLists, c))).toEqual([]);
  });
});
