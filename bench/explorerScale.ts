import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
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
 * index of `manyRuns(count)` served in its place: first render, an expression filter and a
 * header sort (median of 5, each until the table is laid out), and the longest main-thread task.
 */
export async function measureExplorer(work: string, count = 10_000): Promise<{ example: ExplorerFigures; big: ExplorerFigures } | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  const out = path.join(work, "explorer-site");
  const built = await buildSite({ dataDir: repoRoot, outDir: out, cacheDir: path.join(work, "explorer-cache") });
  if (built.code !== 0) throw new Error(built.output);
  const exampleFiles = { index: await readFile(path.join(out, "data/explorer.json"), "utf8"), fields: await readFile(path.join(out, "data/explorer-fields.json"), "utf8") };
  const big = explorerIndexFiles(manyRuns(count));
  const bigFiles = { index: stableJson(big.index), fields: stableJson(big.fields) };

  const server = await serveStatic(out);
  const browser = await chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const measure = async ({ index, fields }: { index: string; fields: string }, filterKey: string): Promise<ExplorerFigures> => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.route("**/data/explorer.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: index }));
      await page.route("**/data/explorer-fields.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: fields }));
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
