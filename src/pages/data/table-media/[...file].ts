import type { APIRoute, GetStaticPaths } from "astro";
import { readSourceFile } from "../../../site/runDownloads.ts";
import { tableMediaFiles } from "../../../site/runTables.ts";
import { keyedByDataRoot } from "../../../site/pageCacheKeys.ts";

// The media files of runs that have tables, which their image cells show. The path is read from
// props: Astro hands `params` back percent-encoded for some characters (`#`).
export const getStaticPaths = (async () => keyedByDataRoot("data/table-media", (await tableMediaFiles()).map((file) => ({ params: { file }, props: { file } })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => new Response(Buffer.from(await readSourceFile((props as { file: string }).file)));
