// Service worker: one cache per build, named by the hash of its content, cache-first.
// A new build installs beside the old one and waits until the user chooses to reload.
const CACHE = "bone-mets-{{ version }}";
const URLS = {{ urls|tojson }}.map((url) => new URL(url, self.location).href);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(URLS.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("bone-mets-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // htmx asks the live server; when it cannot be reached the page computes the result itself.
  if (request.headers.has("HX-Request")) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page with answers in its query string is the same page: it reads them from the URL.
    const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    return hit || fetch(request);
  })());
});
