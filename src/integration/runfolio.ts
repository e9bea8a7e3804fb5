import type { AstroIntegration, AstroIntegrationLogger } from "astro";
import { checkProject } from "../check/checkProject.ts";
import { formatDiagnostic, hasErrors, type Diagnostic } from "../core/diagnostics.ts";
import { takeRenderDiagnostics } from "../site/renderDiagnostics.ts";
import { dataRoot } from "../site/dataRoot.ts";

/**
 * Fails `astro build` on any error in runs/ or reports/, listing every one: first a full check
 * before pages render, then anything only rendering could find. The dev server never fails;
 * it shows each problem in place instead.
 */
export function runfolio(): AstroIntegration {
  const root = dataRoot();
  return {
    name: "runfolio",
    hooks: {
      "astro:build:start": async ({ logger }) => {
        const result = await checkProject(root);
        report(result.diagnostics, logger);
        if (hasErrors(result.diagnostics)) {
          throw new Error(summary(result.diagnostics));
        }
        logger.info(`checked ${result.runs} runs and ${result.reports} reports`);
      },
      "astro:build:done": ({ logger }) => {
        const found = takeRenderDiagnostics().filter((d) => d.severity === "error");
        if (found.length) {
          report(found, logger);
          throw new Error(summary(found));
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

function summary(list: readonly Diagnostic[]): string {
  const n = list.filter((d) => d.severity === "error").length;
  return `Runfolio found ${n} error${n === 1 ? "" : "s"} in runs/ and reports/ (listed above); the site was not built.`;
}
