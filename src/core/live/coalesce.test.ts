import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce.ts";

/** A job whose runs finish when the test says so. */
function controlledJob() {
  const finishers: ((fail?: unknown) => void)[] = [];
  const job = () =>
    new Promise<void>((resolve, reject) => {
      finishers.push((fail) => (fail === undefined ? resolve() : reject(fail)));
    });
  return { job, finishers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("coalesce", () => {
  it("runs at once when idle, and folds every call during a run into one run after it", async () => {
    const { job, finishers } = controlledJob();
    const call = coalesce(job, () => {});
    call();
    expect(finishers.length).toBe(1);
    call();
    call();
    call();
    expect(finishers.length).toBe(1);
    finishers[0]!();
    await settle();
    expect(finishers.length).toBe(2);
    finishers[1]!();
    await settle();
    expect(finishers.length).toBe(2);
    call();
    expect(finishers.length).toBe(3);
  });

  it("reports a failed run and keeps going: a call during the failed run still runs once more", async () => {
    const { job, finishers } = controlledJob();
    const errors: unknown[] = [];
    const call = coalesce(job, (e) => errors.push(e));
    call();
    call();
    finishers[0]!(new Error("disk full"));
    await settle();
    expect(errors.map(String)).toEqual(["Error: disk full"]);
    expect(finishers.length).toBe(2);
    finishers[1]!();
    await settle();
    call();
    expect(finishers.length).toBe(3);
  });

  it("runs a job that throws before returning a promise as a failure, not a stuck state", async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const call = coalesce(() => {
      calls++;
      throw new Error("no such folder");
    }, (e) => errors.push(e));
    call();
    await settle();
    call();
    await settle();
    expect(calls).toBe(2);
    expect(errors.length).toBe(2);
  });
});
