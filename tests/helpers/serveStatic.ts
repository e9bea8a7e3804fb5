import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv",
};

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * A static file server on 127.0.0.1 for the built site; `headers` lets a test add a CSP.
 * With `prefix` (e.g. `/my-experiments/`, as GitHub Pages serves a project site) the site is
 * served only under that path: anything outside it is a 404, as it would be on the real host.
 * `url` is then the server's origin without the prefix.
 */
export async function serveStatic(root: string, headers: Record<string, string> = {}, opts: { prefix?: string } = {}): Promise<StaticServer> {
  const prefix = opts.prefix ? `/${opts.prefix.replace(/^\/+|\/+$/g, "")}` : "";
  const server: Server = createServer(async (req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (prefix) {
      if (urlPath === prefix) {
        res.writeHead(301, { location: `${prefix}/` }).end();
        return;
      }
      if (!urlPath.startsWith(`${prefix}/`)) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found (outside the prefix)");
        return;
      }
      urlPath = urlPath.slice(prefix.length);
    }
    let file = path.join(root, urlPath);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      await stat(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", ...headers });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
