import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { explorerIndexFiles } from "../src/core/explore/explorerIndex.ts";
import { stableJson } from "../src/core/explore/stableJson.ts";
import { buildSite, repoRoot } from "../tests/helpers/buildSite.ts";
import { manyRuns } from "../tests/helpers/manyRuns.ts";
import { serveStatic } from "../tests/helpers/serveStatic.ts";

export interface ExplorerFigures {
  runs: number;
  indexBytes: number;
  indexGzipBytes: number;
  /** `explorer-fields.json`: git, config and the summary metrics the default view does not show. */
  fieldsBytes: number;
  fieldsGzipBytes: number;
  /** Navigation start → the explorer's count shown (index fetched, parsed, first page drawn). */
  firstRenderMs: number;
  /** Navigation start → the fields file merged (filters over any field answer from then on). */
  fieldsReadyMs: number;
  filterMs: number;
  sortMs: number;
  longestTaskMs: number;
}

const FILTER = 'config.optimizer.name = "adamw" and summary.val/loss < 3';

/**
 * `/runs/` of the example site in Chromium, once with its own index (27 runs) and once with the
 * index of `manyRuns(count)` written in its place: first render, an expression filter and a
 * header sort (median of 5, each until the table is laid out), and the longest main-thread task.
 */
export async function measureExplorer(work: string, count = 10_000): Promise<{ example: ExplorerFigures; big: ExplorerFigures } | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  const out = path.join(work, "explorer-site");
  const built = await buildSite({ dataDir: repoRoot, outDir: out, cacheDir: path.join(work, "explorer-cache") });
  if (built.code !== 0) throw new Error(built.output);
  return measureExplorerSite(out, count);
}

/**
 * `measureExplorer` on a built example site (`out`, whose two index files are replaced by the
 * big ones for the second measurement). The files are served from disk by a plain static server,
 * as a host serves them: Playwright's request interception hands every body over to the page's
 * process, which alone made the longest task about three times longer.
 */
export async function measureExplorerSite(out: string, count = 10_000): Promise<{ example: ExplorerFigures; big: ExplorerFigures } | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  const indexFile = path.join(out, "data/explorer.json");
  const fieldsFile = path.join(out, "data/explorer-fields.json");
  const headFile = path.join(out, "data/explorer-head.json");
  const exampleFiles = { index: await readFile(indexFile, "utf8"), fields: await readFile(fieldsFile, "utf8"), head: await readFile(headFile, "utf8") };
  const big = explorerIndexFiles(manyRuns(count));
  const bigFiles = { index: stableJson(big.index), fields: stableJson(big.fields), head: stableJson(big.head) };

  const server = await serveStatic(out);
  const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const measure = async ({ index, fields, head }: { index: string; fields: string; head: string }, filterKey: string): Promise<ExplorerFigures> => {
      await writeFile(indexFile, index);
      await writeFile(fieldsFile, fields);
      await writeFile(headFile, head);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.addInitScript(() => {
        const w = window as unknown as { __longest: number; __firstRender: number; __fieldsReady: number };
        w.__longest = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
        }).observe({ type: "longtask", buffered: true });
        new MutationObserver((_m, obs) => {
          if (w.__firstRender === undefined && document.querySelector(".rf-explorer-count")?.textContent) w.__firstRender = performance.now();
          if (document.querySelector("#rf-explorer[data-fields=ready]")) {
            w.__fieldsReady = performance.now();
            obs.disconnect();
          }
        }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-fields"] });
      });
      await page.goto(`${server.url}/runs/`);
      await page.waitForFunction(() => (window as unknown as { __firstRender?: number }).__firstRender !== undefined);
      const firstRenderMs = await page.evaluate(() => (window as unknown as { __firstRender: number }).__firstRender);
      await page.waitForFunction(() => (window as unknown as { __fieldsReady?: number }).__fieldsReady !== undefined);
      const fieldsReadyMs = await page.evaluate(() => (window as unknown as { __fieldsReady: number }).__fieldsReady);
      const filterMs = await timed(page, "filter", FILTER);
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>("#rf-q")!;
        input.value = "";
        input.form!.requestSubmit();
      });
      const sortMs = await timed(page, "sort", filterKey);
      await page.waitForTimeout(200);
      const longestTaskMs = await page.evaluate(() => (window as unknown as { __longest: number }).__longest);
      await page.close();
      return {
        runs: JSON.parse(index).id.length as number,
        indexBytes: Buffer.byteLength(index),
        indexGzipBytes: gzipSync(index).length,
        fieldsBytes: Buffer.byteLength(fields),
        fieldsGzipBytes: gzipSync(fields).length,
        firstRenderMs,
        fieldsReadyMs,
        filterMs,
        sortMs,
        longestTaskMs,
      };
    };
    const example = await measure(exampleFiles, (JSON.parse(exampleFiles.index) as { defaultColumns: string[] }).defaultColumns[5]!);
    return { example, big: await measure(bigFiles, "summary.val/loss") };
  } finally {
    await browser.close();
    await server.close();
    await writeFile(indexFile, exampleFiles.index);
    await writeFile(fieldsFile, exampleFiles.fields);
    await writeFile(headFile, exampleFiles.head);
  }
}

/**
 * Median of 5: apply (or clear) the filter, or click a header's sort button, timed in the page
 * until the next layout is done (the explorer renders synchronously on both).
 */
async function timed(page: Page, action: "filter" | "sort", arg: string): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push(
      await page.evaluate(
        ([kind, a]) => {
          const t0 = performance.now();
          if (kind === "filter") {
            const input = document.querySelector<HTMLInputElement>("#rf-q")!;
            input.value = input.value === a ? "" : a;
            input.form!.requestSubmit();
          } else {
            document.querySelector<HTMLButtonElement>(`th[data-key="${CSS.escape(a)}"] button`)!.click();
          }
          void document.body.offsetHeight;
          return performance.now() - t0;
        },
        [action, arg] as const,
      ),
    );
  }
  return samples.sort((a, b) => a - b)[2]!;
}
