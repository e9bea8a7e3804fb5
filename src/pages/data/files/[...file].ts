import type { APIRoute, GetStaticPaths } from "astro";
import { readSourceFile, runSourceFiles } from "../../../site/siteData.ts";

// Every run's source files as committed, so the full-resolution data stays downloadable.
export const getStaticPaths = (async () => (await runSourceFiles()).map((file) => ({ params: { file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => new Response(Buffer.from(await readSourceFile(params.file!)));
