// The benchmark's static server (.ci/bench.sh → tests/bench): serves one folder on a free loopback
// port, prints {"port": N} when ready, and exits when its stdin closes. No caching headers beyond
// no-store, and no compression (the desktop start-up figure is compile + instantiate + render),
// except under /gz/: the same files gzip -9 encoded, as a real host serves them, for the
// throttled slow-phone loads.
import http from "node:http";
import fs from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(process.argv[2] ?? ".");
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
};

const handler = async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
  const gzip = p.startsWith("/gz/");
  if (gzip) p = p.slice(3);
  if (p.endsWith("/")) p += "index.html";
  const file = path.join(root, path.normalize(p));
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await fs.readFile(file);
    const headers = {
      "content-type": types[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    };
    if (gzip) headers["content-encoding"] = "gzip";
    res.writeHead(200, headers);
    res.end(gzip ? zlib.gzipSync(body, { level: 9 }) : body);
  } catch {
    res.writeHead(404).end();
  }
};

// The same files on 127.0.0.1 and 127.0.0.2 (both loopback; two sites to the browser), on one
// port: the driver alternates them so that every navigation is cross-site and gets a fresh
// renderer process, as a learner's first visit would (no compiled module kept in memory).
const first = http.createServer(handler);
first.listen(0, "127.0.0.1", () => {
  const port = first.address().port;
  const second = http.createServer(handler);
  second.listen(port, "127.0.0.2", () => console.log(JSON.stringify({ port })));
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
