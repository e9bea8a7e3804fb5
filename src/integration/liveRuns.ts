/**
 * Live runs in the dev server (docs/python-logger.md, "Watching a run live"). When the runs loader
 * re-syncs a run, Astro asks every open page for a full reload. That reload, when it follows a
 * run change, becomes the custom event `runfolio:runs-changed` with the changed run ids instead:
 * the page script src/client/live/liveRuns.ts (injected in dev only) updates a run page in place
 * and reloads any other page itself. A build neither installs this nor ships the script.
 */
import type { ViteDevServer } from "vite";
import { recentRunChanges } from "../core/live/runChanges.ts";

export const RUNS_CHANGED_EVENT = "runfolio:runs-changed";

interface HotPayload {
  type: string;
  path?: string;
}

/** The payload to send instead of `payload`: the custom event when it is a full reload caused by run changes. */
export function liveRunsPayload(payload: unknown, changed: () => string[] | null): unknown {
  const p = payload as HotPayload | null;
  if (!p || typeof p !== "object" || p.type !== "full-reload" || (p.path !== undefined && p.path !== "*")) return payload;
  const ids = changed();
  return ids ? { type: "custom", event: RUNS_CHANGED_EVENT, data: { ids } } : payload;
}

/** Astro sends its reloads both through the client environment's channel and through the server's socket. */
export function installLiveRuns(server: ViteDevServer): void {
  for (const channel of [server.environments.client.hot, server.ws]) {
    const send = channel.send.bind(channel) as (...args: unknown[]) => void;
    channel.send = ((...args: unknown[]) => {
      if (args.length === 1) send(liveRunsPayload(args[0], () => recentRunChanges()));
      else send(...args);
    }) as typeof channel.send;
  }
}
