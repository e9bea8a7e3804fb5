import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { checkProject } from "../check/checkProject.ts";
import type { PublishedMediaFile } from "../core/media/mediaUrls.ts";
import { copyMediaOriginals } from "./copyMediaOriginals.ts";
import { buildCacheDir, codeVersionOf, setBuildCache } from "../core/cache/buildCache.ts";
import { DiskCache } from "../core/cache/diskCache.ts";
import { restoreFileStamps, saveFileStamps } from "../core/cache/fileStampTable.ts";
import { restoreVerifiedEntries, saveVerifiedEntries } from "../core/cache/verifiedEntryTable.ts";
import { PageLedger, restoreLedger, type LedgerState } from "../core/cache/pageLedger.ts";
import { distrustUnacceptedManifest, dropChangedCopies, forgetManifest, pageLedgerOf, savePageLedger } from "./incrementalPages.ts";
import { compareDiagnostics, formatDiagnostic, hasErrors, type Diagnostic } from "../core/diagnostics.ts";
import { clearRenderDiagnostics, takeRenderDiagnostics } from "../site/renderDiagnostics.ts";
import { dataRoot } from "../site/dataRoot.ts";
import { linkMode, makeLinksRelative } from "./relativeSite.ts";
import { resolveOptions, siteOptionsPlugin, type RunfolioOptions } from "./options.ts";
import { readBuildInfo } from "./readBuildInfo.ts";
import { installLiveRuns } from "./liveRuns.ts";
import { setContentRefresh } from "../core/live/contentRefresh.ts";
import { staleFloorFromEnv } from "../core/live/liveStatus.ts";
import { removeDisabledPages, resolveSiteConfig } from "./siteConfig.ts";
import { componentsPlugin, resolveComponents } from "./components.ts";
import { runfolioRoutes } from "./injectedRoutes.ts";
import { copyFaviconIfMissing, isOwnProject, runtimeDependencies } from "./ownProject.ts";
import { buildHeapGrowingPercent, setHeapGrowingPercent } from "./heapGrowth.ts";

/** The package's folder: this module is always run from its source (astro.config.mjs imports it). */
const packageDir = fileURLToPath(new URL("../..", import.meta.url));
/** Pages rendered at once in a build, unless the project sets its own `build.concurrency` (above 1). */
const PAGES_AT_ONCE = 4;

/**
 * Fails `astro build` on any error in runs/ or reports/, listing every one: first a full check
 * before pages render, then anything only rendering could find. The dev server never fails;
 * it shows each problem in place instead.
 *
 * With `RUNFOLIO_LINKS=relative` (`npm run build:offline`) the built site's links are then made
 * relative to each page, so it also opens from a folder (`file://`); see relativeSite.ts.
 *
 * Report prose is sanitized unless `allowHtml` (or `RUNFOLIO_ALLOW_HTML=1`) says otherwise; the
 * pages get the options from a virtual module (see options.ts).
 *
 * Which commit the site is built from is read from git here too (readBuildInfo.ts): every page
 * names it, and run pages link their source files at it unless `copySourceFiles` publishes them.
 *
 * The environment is read here, once, when astro.config.mjs calls `runfolio()`; the content
 * loaders and the pages get the result through that virtual module.
 *
 * In a site's own Astro project (docs/own-astro-site.md) it also injects Runfolio's pages as
 * routes, and serves the header, footer and run-page sections the site overrides (components.ts).
 */
export function runfolio(options: RunfolioOptions = {}): AstroIntegration {
  const root = dataRoot(process.env, process.cwd());
  const links = linkMode(process.env.RUNFOLIO_LINKS);
  const resolved = resolveOptions(options, process.env);
  const build = readBuildInfo(root, process.env);
  const site = resolveSiteConfig(root, options);
  const staleFloor = staleFloorFromEnv(process.env.RUNFOLIO_STALE_FLOOR);
  const heapGrowingPercent = buildHeapGrowingPercent(process.env, process.execArgv);
  let base = "/";
  let renderDiagnosticsFile: string | null = null;
  let media: PublishedMediaFile[] = [];
  let cache: DiskCache | null = null;
  let astroCacheDir = "";
  let ledger: PageLedger | null = null;
  let previousLedger: LedgerState | null = null;
  return {
    name: "runfolio",
    hooks: {
      "astro:config:setup": ({ command, config, updateConfig, injectScript, injectRoute, addMiddleware, logger }) => {
        const projectRoot = fileURLToPath(config.root);
        const components = resolveComponents(options.components, projectRoot, path.join(packageDir, "src/components"));
        // Runfolio's own repository routes its pages by their files; any other project gets them injected.
        const foreign = !isOwnProject(fileURLToPath(config.srcDir), packageDir);
        if (foreign) for (const route of runfolioRoutes(path.join(packageDir, "src/pages"))) injectRoute(route);
        // Run records, histories, charts and preview images by content digest (docs/performance.md).
        // Builds only: the dev server reloads edited code, which the cache's code version would not see.
        if (command === "build") {
          // A build's heap grows to about twice what is live, not up to 4× on a busy machine (heapGrowth.ts).
          if (heapGrowingPercent !== null) setHeapGrowingPercent(heapGrowingPercent);
          // Keyed by Runfolio's code; kept in the project's own node_modules.
          cache = new DiskCache({ dir: buildCacheDir(process.env, projectRoot), codeVersion: codeVersionOf(packageDir), warn: (d) => logger.warn(formatDiagnostic(d)) });
        }
        setBuildCache(cache);
        // RUNFOLIO_INCREMENTAL=1: pages whose key (pageCacheKeys.ts) and code did not change are
        // copied from the last build instead of rendered again. Off by default: a build that
        // renders every page peaks ~0.5 GB higher with it at 10,000 runs, and in CI, where every
        // build is of a new commit that every page names, nothing is ever copied (docs/performance.md).
        const incremental = cache !== null && process.env.RUNFOLIO_INCREMENTAL === "1";
        // Which cache entries each page uses, for pages Astro skips in the next build (pageLedger.ts).
        if (cache && incremental) {
          ledger = pageLedgerOf(cache);
          addMiddleware({ entrypoint: new URL("./pageScopeMiddleware.ts", import.meta.url), order: "pre" });
        }
        // Only a build reads them back; the dev server shows each in place.
        if (command === "build") renderDiagnosticsFile = path.join(fileURLToPath(config.cacheDir), "runfolio-render-diagnostics.jsonl");
        // RUNFOLIO_BASE (set by the Pages workflow) and a base in astro.config win over the file's.
        const base = !process.env.RUNFOLIO_BASE && config.base === "/" && site.base ? { base: site.base } : {};
        updateConfig({
          ...base,
          ...(incremental ? { experimental: { incrementalBuild: true } } : {}),
          // The pages' Content-Security-Policy allows no inline styles. Four pages rendered at once:
          // a page waits on its history and cache reads, another renders meanwhile (a tenth off a
          // cold build at 1,000 × 10,000; the output is the same: docs/performance.md).
          build: { inlineStylesheets: "never", concurrency: config.build.concurrency > 1 ? config.build.concurrency : PAGES_AT_ONCE },
          vite: {
            // Astro bundles a package that depends on it (Runfolio: TypeScript sources) into the pages;
            // Runfolio's own dependencies (native ones among them) stay imports, as in its repository.
            ...(foreign ? { ssr: { external: runtimeDependencies(packageDir) } } : {}),
            plugins: [siteOptionsPlugin({ ...resolved, site, dataRoot: root, renderDiagnosticsFile, build, staleFloor, incrementalPages: incremental }), componentsPlugin(components)],
            // URLs the bundles hold (a worker's script) relative to the bundle, not from the base:
            // the pages' links are rewritten after the build, the scripts' are not.
            ...(links === "relative" ? { experimental: { renderBuiltUrl: (_file: string, { hostType }: { hostType: string }) => (hostType === "js" ? { relative: true } : undefined) } } : {}),
          },
        });
        // Live run pages (liveRuns.ts): the dev server's pages only; a build ships none of it.
        if (command === "dev") injectScript("page", `import ${JSON.stringify(fileURLToPath(new URL("../client/live/liveRuns.ts", import.meta.url)))};`);
      },
      "astro:server:setup": ({ server, refreshContent }) => {
        installLiveRuns(server);
        // The loaders ask for a refresh when their files change (src/content/followSources.ts).
        setContentRefresh(refreshContent ?? null);
      },
      "astro:config:done": async ({ config }) => {
        base = config.base;
        astroCacheDir = fileURLToPath(config.cacheDir);
        // Before the content layer syncs: files unchanged since the last build are not read to be
        // hashed, nor entries it verified hashed again.
        if (cache) {
          await restoreVerifiedEntries(cache);
          await restoreFileStamps(cache);
        }
      },
      "astro:build:start": async ({ logger }) => {
        if (renderDiagnosticsFile) await clearRenderDiagnostics(renderDiagnosticsFile);
        if (cache && ledger) {
          previousLedger = await restoreLedger(cache);
          if (await distrustUnacceptedManifest(astroCacheDir, previousLedger)) logger.info("every page is rendered: the last build did not finish");
          else await dropChangedCopies(astroCacheDir, previousLedger, (d) => logger.warn(formatDiagnostic(d)));
        }
        const result = await checkProject(root, { allowHtml: resolved.allowHtml });
        report(result.diagnostics, logger);
        if (hasErrors(result.diagnostics)) {
          await flushOutput();
          throw new Error(summary(result.diagnostics));
        }
        logger.info(`checked ${result.runs} runs and ${result.reports} reports`);
        media = result.media;
      },
      "astro:build:done": async ({ dir, logger }) => {
        // Sorted: pages render several at once, so they record in no fixed order.
        const found = renderDiagnosticsFile ? (await takeRenderDiagnostics(renderDiagnosticsFile)).filter((d) => d.severity === "error").sort(compareDiagnostics) : [];
        if (found.length) {
          // Astro has recorded this build's pages as done: not one of them may be skipped next time.
          if (ledger) await forgetManifest(astroCacheDir);
          report(found, logger);
          await flushOutput();
          throw new Error(summary(found));
        }
        const copied = await copyMediaOriginals(root, fileURLToPath(dir), media);
        if (copied) logger.info(`copied ${copied} media files`);
        // What this complete build did not use belongs to inputs that are gone.
        if (cache) {
          await saveFileStamps(cache);
          if (ledger) await savePageLedger(cache, ledger, previousLedger, astroCacheDir);
          // Last: the tables written just above are among the entries verified.
          await saveVerifiedEntries(cache);
          await cache.prune();
        }
        const removed = await removeDisabledPages(fileURLToPath(dir), site.pages);
        await copyFaviconIfMissing(fileURLToPath(dir), path.join(packageDir, "public"));
        if (removed.length) logger.info(`left out ${removed.join(", ")} (pages in runfolio.config.json)`);
        if (links === "relative") {
          const done = await makeLinksRelative(fileURLToPath(dir), base);
          logger.info(`made the links of ${done.pages} pages and ${done.stylesheets} stylesheets relative (RUNFOLIO_LINKS=relative)`);
        }
      },
    },
  };
}

function report(list: readonly Diagnostic[], logger: AstroIntegrationLogger): void {
  for (const d of list) {
    if (d.severity === "error") logger.error(formatDiagnostic(d));
    else logger.warn(formatDiagnostic(d));
  }
}

/**
 * Astro exits the process right after a failed hook. When stdout or stderr is a socket (a build
 * started by another Node process, as task runners and tests do) writes are asynchronous, and what
 * is still queued then is lost: a long list of diagnostics was cut short. An empty write calls back
 * once everything written before it is out.
 */
async function flushOutput(): Promise<void> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write("", () => resolve()))));
}

function summary(list: readonly Diagnostic[]): string {
  const n = list.filter((d) => d.severity === "error").length;
  return `Runfolio found ${n} error${n === 1 ? "" : "s"} in runs/ and reports/ (listed above); the site was not built.`;
}
