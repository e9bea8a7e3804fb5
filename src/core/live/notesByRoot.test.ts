import { describe, expect, it } from "vitest";
import { notesByRoot } from "./notesByRoot.ts";

describe("notesByRoot", () => {
  it("shares notes between two instances of one name (two module graphs), per root, and apart from other names", () => {
    const loaderSide = notesByRoot<string[]>("test.notesByRoot.a");
    const pageSide = notesByRoot<string[]>("test.notesByRoot.a");
    const other = notesByRoot<string[]>("test.notesByRoot.b");
    expect(pageSide.noted("/data")).toBeNull();
    loaderSide.note("/data", ["run-1"]);
    loaderSide.note("/other", ["run-2"]);
    expect(pageSide.noted("/data")).toEqual(["run-1"]);
    expect(pageSide.noted("/other")).toEqual(["run-2"]);
    expect(other.noted("/data")).toBeNull();
    loaderSide.note("/data", []);
    expect(pageSide.noted("/data")).toEqual([]);
  });
});
