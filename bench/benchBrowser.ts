import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveStatic } from "../tests/helpers/serveStatic.ts";

/** Chromium as the page benchmarks drive it; null when it is not installed (the section is skipped). */
export async function launchBenchBrowser(): Promise<Browser | null> {
  const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(exe)) return null;
  return chromium.launch({ executablePath: exe, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
}

/** Records the longest main-thread task of every document `page` loads from now on (read with `longestTask`). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longest: number };
    w.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

/** The longest main-thread task since the page's document was created (0 when none reached 50 ms). */
export function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __longest: number }).__longest);
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `dir` served over HTTP and a fresh page that records long tasks; null without Chromium. `close` ends both. */
export async function benchSession(dir: string): Promise<{ page: Page; url: string; close: () => Promise<void> } | null> {
  const browser = await launchBenchBrowser();
  if (!browser) return null;
  const server = await serveStatic(dir);
  const page = await browser.newPage();
  await watchLongTasks(page);
  return {
    page,
    url: server.url,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
