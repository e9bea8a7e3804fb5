import type { APIRoute, GetStaticPaths } from "astro";
import { readSourceFile, runSourceFiles } from "../../../site/runDownloads.ts";
import { keyedByDataRoot } from "../../../site/pageCacheKeys.ts";

// Every run's source files as committed, so the full-resolution data stays downloadable. The path
// is read from props: Astro hands `params` back percent-encoded for some characters (`#`).
export const getStaticPaths = (async () => keyedByDataRoot("data/files", (await runSourceFiles()).map((file) => ({ params: { file }, props: { file } })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => new Response(Buffer.from(await readSourceFile((props as { file: string }).file)));
