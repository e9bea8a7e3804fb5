/**
 * Folds calls that arrive while a job runs into one more run after it: at most one run in flight
 * and at most one waiting, however many calls came meanwhile. A watcher that fires for every row a
 * training script flushes re-syncs the run this way: each sync reads every row written before it
 * started, so the calls it missed need one more sync, not one each.
 */
export function coalesce(job: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    running = true;
    again = false;
    let done: Promise<void>;
    try {
      done = job();
    } catch (error) {
      done = Promise.reject(error);
    }
    done
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) run();
      });
  };
  return () => {
    if (running) again = true;
    else run();
  };
}
