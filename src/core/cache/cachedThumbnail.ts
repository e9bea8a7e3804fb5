/**
 * Node-only: thumbnails of run images, made with sharp (libvips) at build and kept in the build
 * cache by the digest of the image's bytes, so an unchanged image is not encoded again. The same
 * bytes and sharp version give the same thumbnail bytes (metadata stripped, fixed settings).
 */
import sharp from "sharp";
import { buildCache } from "./buildCache.ts";
import { THUMB_WIDTH } from "../media/mediaUrls.ts";

const WEBP = { quality: 70, effort: 4, smartSubsample: true } as const;

/** A WebP `THUMB_WIDTH` pixels wide of the image's first frame, turned as its Exif orientation says. */
export async function makeThumbnail(bytes: Uint8Array): Promise<Uint8Array> {
  return sharp(bytes, { animated: false, limitInputPixels: 268_402_689 }).rotate().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp(WEBP).toBuffer();
}

/** `makeThumbnail` through the build cache, keyed by the image's SHA-256 and the settings. */
export async function cachedThumbnail(bytes: Uint8Array, digest: string): Promise<Uint8Array> {
  const disk = buildCache();
  if (!disk) return makeThumbnail(bytes);
  const key = disk.keyOf("thumb", [digest, String(THUMB_WIDTH), JSON.stringify(WEBP)]);
  const stored = await disk.get("thumb", key);
  if (stored) return stored;
  const thumb = await makeThumbnail(bytes);
  await disk.set("thumb", key, thumb);
  return thumb;
}
