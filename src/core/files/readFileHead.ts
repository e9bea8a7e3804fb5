/**
 * A file's SHA-256 and its first bytes without holding the whole file: it is read through one
 * handle in chunks of `chunkBytes`, each hashed and dropped, so a 2 GB video costs one chunk of
 * memory. Through the gate of boundedFiles.ts like every other open. Node-only.
 */
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { withFileHandle } from "./boundedFiles.ts";
import { rememberDigest } from "./fileDigests.ts";

/** Bytes read and hashed at a time. */
export const DIGEST_CHUNK_BYTES = 1024 * 1024;

export interface FileHead {
  /** The first `headBytes` of the file (all of it when shorter). */
  head: Buffer;
  /** SHA-256 of the whole file, hex. */
  digest: string;
  size: number;
}

export function readFileHead(absolute: string, headBytes: number, chunkBytes = DIGEST_CHUNK_BYTES): Promise<FileHead> {
  const started = Date.now();
  return withFileHandle(async () => {
    const handle = await open(absolute, "r");
    try {
      const info = await handle.stat({ bigint: true });
      const hash = createHash("sha256");
      const head = Buffer.alloc(Math.min(headBytes, Number(info.size)));
      // A small file needs no chunk of the full size (most media files are a few kilobytes).
      const chunk = Buffer.allocUnsafe(Math.max(1, Math.min(chunkBytes, Number(info.size) + 1)));
      let headFilled = 0;
      let size = 0;
      // Read to the end rather than to `info.size`: a file that grows while read is hashed as read.
      for (;;) {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, size);
        if (bytesRead === 0) break;
        const part = chunk.subarray(0, bytesRead);
        hash.update(part);
        if (headFilled < head.length) headFilled += part.copy(head, headFilled, 0, Math.min(bytesRead, head.length - headFilled));
        size += bytesRead;
      }
      const digest = hash.digest("hex");
      // Stamped like every other read (fileDigests.ts), so a rebuild does not stream it again.
      rememberDigest(absolute, info, started, digest);
      return { head: head.subarray(0, headFilled), digest, size };
    } finally {
      await handle.close();
    }
  });
}
