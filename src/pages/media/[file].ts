import type { APIRoute, GetStaticPaths } from "astro";
import type { PublishedMediaFile } from "../../core/media/mediaUrls.ts";
import { siteMediaBytes, siteMediaFiles } from "../../site/mediaFiles.ts";
import { keyedByDataRoot } from "../../site/pageCacheKeys.ts";

// Run media, content-addressed (`<digest>.<ext>`, thumbnails `<digest>-w160.webp` and `-w320.webp`): each file once.
// A static build copies the originals after the pages (integration/copyMediaOriginals.ts): only the dev server serves them here.
export const getStaticPaths = (async () =>
  keyedByDataRoot("media", (await siteMediaFiles()).filter((file) => import.meta.env.DEV || file.thumbnail !== null).map((file) => ({ params: { file: file.name }, props: { ...file } })))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => new Response(Buffer.from(await siteMediaBytes(props as PublishedMediaFile)));
