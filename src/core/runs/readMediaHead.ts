/**
 * A run's media file as the loader needs it: the SHA-256 of all of it (its published name),
 * hashed while streamed, and only the first bytes its header check reads. The media parser sees
 * the head as the file's bytes. Node-only.
 */
import { readImageSize } from "../media/imageSize.ts";
import { extensionOf, MEDIA_EXTENSIONS } from "../media/runMedia.ts";
import { readFileHead, type FileHead } from "../files/readFileHead.ts";

/** Bytes first read of a media file: every header readImageSize reads fits (SVG reads 64 KiB). */
export const MEDIA_HEAD_BYTES = 64 * 1024;
/** How much more is read each time a JPEG's frame header lies further in (big Exif or ICC segments). */
const GROWTH = 16;

/**
 * The file's digest and head. An image whose size cannot be read from the head is read again
 * with a 16 times longer head, until the head is the whole file: the header check then judges
 * exactly the bytes it would have judged had the whole file been read (a size found in a prefix
 * is the size found in the whole, and a failure is only reported on the whole file).
 */
export async function readMediaHead(absolute: string, chunkBytes?: number, headBytes = MEDIA_HEAD_BYTES): Promise<FileHead> {
  const ext = extensionOf(absolute);
  let read = await readFileHead(absolute, headBytes, chunkBytes);
  if (MEDIA_EXTENSIONS[ext] !== "image" || ext === "svg") return read;
  for (let limit = headBytes; read.head.length < read.size && !readImageSize(read.head, ext).ok; ) {
    limit *= GROWTH;
    read = await readFileHead(absolute, limit, chunkBytes);
  }
  return read;
}
