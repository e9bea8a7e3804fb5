/**
 * Git LFS pointers: a repository cloned without LFS holds these small text stubs in place of large
 * files. Every importer checks for one before reading a file, so that it is named as what it is
 * instead of read as a baffling syntax error, table or binary record.
 */
const LFS_POINTER = "version https://git-lfs.github.com/spec/v1";
/** Pointers are about 130 bytes; anything this long is a real file, whatever it starts with. */
const MAX_POINTER_LENGTH = 1024;

const decoder = new TextDecoder("utf-8");

export function isLfsPointerText(text: string): boolean {
  return text.length <= MAX_POINTER_LENGTH && text.startsWith(LFS_POINTER);
}

export function isLfsPointerBytes(bytes: Uint8Array): boolean {
  return bytes.length <= MAX_POINTER_LENGTH && bytes.length >= LFS_POINTER.length && decoder.decode(bytes.subarray(0, LFS_POINTER.length)) === LFS_POINTER;
}
