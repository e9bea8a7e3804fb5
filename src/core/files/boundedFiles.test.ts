import { describe, expect, it } from "vitest";
import { isOutOfHandles, OPEN_FILES_LIMIT, withFileHandle } from "./boundedFiles.ts";

const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });

describe("withFileHandle", () => {
  it("tries a task again while it fails with EMFILE or ENFILE, and returns its result", async () => {
    const codes = ["EMFILE", "ENFILE", "EMFILE"];
    let calls = 0;
    const value = await withFileHandle(async () => {
      calls++;
      const code = codes.shift();
      if (code) throw errno(code);
      return 42;
    });
    expect(value).toBe(42);
    expect(calls).toBe(4);
  });

  it("lets any other error through at once", async () => {
    let calls = 0;
    await expect(
      withFileHandle(async () => {
        calls++;
        throw errno("ENOENT");
      }),
    ).rejects.toThrow("ENOENT");
    expect(calls).toBe(1);
  });

  it(`runs at most ${OPEN_FILES_LIMIT} tasks at once, however many callers ask`, async () => {
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        withFileHandle(async () => {
          peak = Math.max(peak, ++active);
          await new Promise((resolve) => setTimeout(resolve, 1));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(OPEN_FILES_LIMIT);
    expect(results).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("knows the out-of-handles errors", () => {
    expect(isOutOfHandles(errno("EMFILE"))).toBe(true);
    expect(isOutOfHandles(errno("ENFILE"))).toBe(true);
    expect(isOutOfHandles(errno("EACCES"))).toBe(false);
    expect(isOutOfHandles(null)).toBe(false);
  });
});
