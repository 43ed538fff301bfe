// The static server of the page sections of scripts/bench (scripts/bench-page.mjs), in a
// thread of its own: the bench's own work (driving the browser, reading its events) never
// holds a response back, as it would on one event loop. Every file the same way, as a
// static host serves them: read and gzip-compressed (level 9) once, then from memory;
// gzip when the browser accepts it; no caching headers.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm',
  '.json': 'application/json', '.svg': 'image/svg+xml' };

/** The file a path names: `www` at `/`, `bench` at `/bench/`. */
export function fileIn({ www, bench }, pathname) {
  const path = normalize(decodeURIComponent(pathname));
  if (path.startsWith('/bench/')) return join(bench, path.slice('/bench/'.length));
  return join(www, path.endsWith('/') ? `${path}index.html` : path);
}

/** Starts the server in a thread: resolves to its URL and `close()`. */
export function startServer(roots) {
  const worker = new Worker(new URL(import.meta.url), { workerData: roots });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', ({ port }) => resolve({
      url: `http://127.0.0.1:${port}/`,
      close: () => worker.terminate().then(() => undefined),
    }));
  });
}

if (!isMainThread) {
  const files = new Map(); // file → Promise<{ raw, gzip }>
  const load = (file) => {
    if (!files.has(file)) {
      const p = readFile(file).then((raw) => ({ raw, gzip: TYPES[extname(file)] ? gzipSync(raw, { level: 9 }) : null }));
      p.catch(() => files.delete(file));
      files.set(file, p);
    }
    return files.get(file);
  };
  const server = createServer(async (req, res) => {
    try {
      const file = fileIn(workerData, new URL(req.url, 'http://x').pathname);
      const { raw, gzip } = await load(file);
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream' };
      let body = raw;
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        body = gzip;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
}
