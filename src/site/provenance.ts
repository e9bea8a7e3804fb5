import settings from "virtual:runfolio/options";
import type { FullDataLinks } from "../core/render/renderChartFigure.ts";
import { buildLinks } from "../core/site/buildInfo.ts";
import { basePath, sourceFileHref } from "./urls.ts";

/**
 * The commit this site is built from and how pages reach a run's source files: the published
 * copy (`copySourceFiles`), the file at that commit on the forge, or its place in the repository.
 */
export const provenance = buildLinks(settings.build, settings.copySourceFiles);

/** How line charts offer every logged point: the CSV built in the page, or the source files' bytes. */
export const fullDataLinks: FullDataLinks = {
  base: basePath(),
  sourceHref(file) {
    const link = provenance.sourceFile(file);
    return link.kind === "copy" ? sourceFileHref(file) : link.kind === "forge" ? link.rawUrl : null;
  },
};
