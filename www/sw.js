// The service worker: after one visit the calculators load and compute with no
// network. It keeps, in one cache per build, the files the build listed in
// pkg/precache.js (scripts/build-wasm writes it from the files that exist: the
// page, the views, the WebAssembly modules, the texts of the measures) and
// answers them from that cache; anything else goes to the network as usual.
//
// The cache's name carries the version (Cargo.toml) and a digest of every
// listed file and of this worker, so any rebuild that changes a byte is a new
// cache. A new build installs beside the one in use and waits; the page offers
// a reload (app.js), which tells it to take over; then the old caches go.
// Nothing is sent anywhere: what is typed stays in the URL fragment.

self.importScripts('./pkg/precache.js');

const { version, build, files } = self.PRECACHE;
const scope = self.registration.scope;
/** This copy's caches (two copies of the calculators on one origin keep apart). */
const PREFIX = `policy-calc ${new URL(scope).pathname} `;
const CACHE = `${PREFIX}${version} ${build}`;
/** Absolute URL (no query) → integrity. */
const LISTED = new Map(files.map((f) => [new URL(f.url, self.location.href).href, f.hash]));
const INDEX = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // The same build again (only this worker changed without a rebuild): its cache is in use.
    const existed = await caches.has(CACHE);
    const cache = await caches.open(CACHE);
    try {
      // Revalidated, not taken from the HTTP cache blindly; the browser checks each file's hash,
      // so a server caught halfway through a deploy fails the install (and the build in use stays).
      await Promise.all([...LISTED].map(async ([url, integrity]) => {
        const response = await fetch(url, { cache: 'no-cache', integrity });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
        await cache.put(url, response);
      }));
    } catch (e) {
      if (!existed) await caches.delete(CACHE);
      throw e;
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(names
    .filter((name) => name.startsWith(PREFIX) && name !== CACHE)
    .map((name) => caches.delete(name)))));
});

/** The page's reload button: the waiting build takes over. */
self.addEventListener('message', (event) => {
  if (event.data?.type === 'policy-calc:activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // A query only tells copies of one module apart (engine.js), or carries a frame's parameters.
  url.search = '';
  url.hash = '';
  const key = request.mode === 'navigate' && url.href === scope ? INDEX : url.href;
  if (!LISTED.has(key)) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key))
    .then((cached) => cached ?? fetch(request)));
});
