import type { APIRoute, GetStaticPaths } from "astro";
import type { PublishedMediaFile } from "../../core/media/mediaUrls.ts";
import { siteMediaBytes, siteMediaFiles } from "../../site/mediaFiles.ts";

// Run media, content-addressed (`<digest>.<ext>`, thumbnails `<digest>-w320.webp`): each file once.
export const getStaticPaths = (async () => (await siteMediaFiles()).map((file) => ({ params: { file: file.name }, props: { ...file } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => new Response(Buffer.from(await siteMediaBytes(props as PublishedMediaFile)));
