/**
 * Node-only: thumbnails of run images, made with sharp (libvips) at build and kept in the build
 * cache by the digest of the image's bytes, so an unchanged image is not encoded again. The same
 * bytes and sharp version give the same thumbnail bytes (metadata stripped, fixed settings).
 * Two widths are made of each image: the grid's and the high-DPI one (core/media/mediaUrls.ts).
 */
import sharp from "sharp";
import { buildCache } from "./buildCache.ts";

const WEBP = { quality: 70, effort: 4, smartSubsample: true } as const;

/**
 * A WebP `width` pixels wide (never enlarged) of the image's first frame, turned as its Exif
 * orientation says.
 */
export async function makeThumbnail(image: Uint8Array | string, width: number): Promise<Uint8Array> {
  return sharp(image, { animated: false, limitInputPixels: 268_402_689 }).rotate().resize({ width, withoutEnlargement: true }).webp(WEBP).toBuffer();
}

/**
 * `makeThumbnail` through the build cache, keyed by the image's SHA-256, the width and the
 * settings. `image` is its bytes or its file's path (sharp then reads the file itself, and a
 * cached thumbnail needs no read at all).
 */
export async function cachedThumbnail(image: Uint8Array | string, digest: string, width: number): Promise<Uint8Array> {
  const disk = buildCache();
  if (!disk) return makeThumbnail(image, width);
  const key = disk.keyOf("thumb", [digest, String(width), JSON.stringify(WEBP)]);
  const stored = await disk.get("thumb", key);
  if (stored) return stored;
  const thumb = await makeThumbnail(image, width);
  await disk.set("thumb", key, thumb);
  return thumb;
}
