// Service worker: one cache per build, named by the hash of its content, cache-first.
// A new build installs beside the old one and waits until the user chooses to reload.
const CACHE = "bone-mets-{{ version }}";
// Every file of the build, relative to this script ("./" is the root), and the hash of its content.
const FILES = {{ files|tojson }};
// Language → the page shown, with no network, for a page the device does not have.
const FALLBACK = {{ fallback|tojson }};
const DEFAULT_LANGUAGE = {{ default_language|tojson }};
// The static site's packs (none on the live server): a file carrying a language's pages, one download
// for them all → the paths of the pages it carries. See store() and unpack().
const PACKS = {{ packs|tojson }};
const LANGUAGES = Object.keys(FALLBACK);
const PATHS = Object.keys(FILES);
const PACKED = new Map(Object.entries(PACKS).flatMap(([pack, paths]) => paths.map((path) => [path, pack])));
const href = (path) => new URL(path, self.location).href;
const relative = (url) => url.slice(self.registration.scope.length);

async function digest(bytes) {
  const sha = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...sha.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
const hash = async (response) => digest(await response.clone().arrayBuffer());

// A file is taken from what the device already has when its content is this build's: an older
// version's cache, or the HTTP cache (what the installing page has just loaded); otherwise, or when
// the HTTP cache holds another build's copy, from the network. A page of a pack is taken from an older
// version's cache only; the others come in their pack (false: left to unpack()).
async function store(cache, path) {
  const url = href(path);
  const candidates = [() => caches.match(url), ...(PACKED.has(path) ? [] : [() => fetch(url, { cache: "force-cache" })])];
  for (const candidate of candidates) {
    const response = await candidate().catch(() => undefined);
    if (response?.ok && !response.redirected && await hash(response) === FILES[path]) return cache.put(url, response);
  }
  if (PACKED.has(path)) return false;
  const response = await fetch(url, { cache: "reload" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return cache.put(url, response);
}

// A pack is a first line, the JSON list of [path, length in bytes] of its pages, then their bodies one
// after the other: [path, bytes] of each, or null when the file is not one.
function pages(bytes) {
  const end = bytes.indexOf(10);
  let offset = end + 1;
  try {
    const index = JSON.parse(new TextDecoder().decode(bytes.subarray(0, end)));
    return index.map(([path, length]) => [path, bytes.slice(offset, (offset += length))]);
  } catch {
    return null;
  }
}

// The wanted pages of a pack, each stored under its own address once every page of the pack has this
// build's hash: the HTTP cache's copy first, the network's when that one is another build's.
async function unpack(cache, pack, wanted) {
  for (const mode of ["force-cache", "reload"]) {
    const response = await fetch(href(pack), { cache: mode }).catch(() => undefined);
    const found = response?.ok && pages(new Uint8Array(await response.arrayBuffer()));
    if (!found) continue;
    const hashes = await Promise.all(found.map(([, body]) => digest(body)));
    if (found.some(([path], k) => hashes[k] !== FILES[path])) continue;
    return Promise.all(found.filter(([path]) => wanted.includes(path)).map(([path, body]) =>
      cache.put(href(path), new Response(body, { headers: { "Content-Type": "text/html; charset=utf-8" } }))));
  }
  throw new Error(`${href(pack)}: not this build's pages`);
}

// Store the paths this version's cache does not have yet.
async function fill(paths) {
  const cache = await caches.open(CACHE);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  const missing = paths.filter((path) => !stored.has(href(path)));
  const kept = await Promise.all(missing.map((path) => store(cache, path)));
  const packs = new Map();
  missing.forEach((path, k) => {
    if (kept[k] === false) packs.set(PACKED.get(path), [...(packs.get(PACKED.get(path)) ?? []), path]);
  });
  await Promise.all([...packs].map(([pack, wanted]) => unpack(cache, pack, wanted)));
}

// The rest of the build, once; again at any later page load should it have been cut short.
let completing;
const complete = () => (completing ??= fill(PATHS).then(announce, () => {}).finally(() => { completing = undefined; }));

// Whether every file of the build is stored: the pages' "Ready offline" mark.
async function ready() {
  const stored = new Set((await (await caches.open(CACHE)).keys()).map((request) => request.url));
  return PATHS.every((path) => stored.has(href(path)));
}
// Uncontrolled pages too: one loaded while this worker installed asked before the build was complete,
// and clients.claim() may not have reached it yet when this is said.
async function announce() {
  const message = { type: "offline-status", ready: await ready() };
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) client.postMessage(message);
}

// The language of the page that installs this worker (none when no page of a language is open).
async function installingLanguage() {
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const lang = relative(client.url).split("/")[0];
    if (LANGUAGES.includes(lang)) return lang;
  }
  return null;
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    // A first install makes the page's own language ready offline first (with the files every page
    // shares); the other language follows once the worker is active. An update stores everything
    // now: until the user reloads, the previous version still answers.
    const lang = self.registration.active ? null : await installingLanguage();
    const other = (path) => LANGUAGES.some((code) => code !== lang && path.startsWith(`${code}/`));
    await fill(lang ? PATHS.filter((path) => !other(path)) : PATHS);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("bone-mets-") && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
  complete();  // not awaited: the pages are answered meanwhile
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "offline-status") {
    event.waitUntil(ready().then((done) => event.source?.postMessage({ type: "offline-status", ready: done })));
  }
});

// With no network, a page the device does not have: the same page when only its final slash is
// missing, otherwise the fallback page in the language of the address (or of the device).
async function offline(cache, request) {
  const url = new URL(request.url);
  if (!url.pathname.endsWith("/")) {
    url.pathname += "/";
    if (await cache.match(url, { ignoreSearch: true })) return Response.redirect(url.href, 302);
  }
  const wanted = [relative(request.url).split("/")[0], ...(self.navigator.languages ?? []).map((tag) => tag.slice(0, 2))];
  const lang = wanted.find((code) => LANGUAGES.includes(code)) ?? DEFAULT_LANGUAGE;
  return (await cache.match(href(FALLBACK[lang]))) ?? Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  // htmx asks the live server; when it cannot be reached the page computes the result itself.
  if (request.headers.has("HX-Request")) return;
  const navigation = request.mode === "navigate";
  if (navigation) event.waitUntil(complete());
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // A page with answers in its query string is the same page: it reads them from the URL.
    const hit = await cache.match(request, { ignoreSearch: navigation });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (error) {
      if (!navigation) throw error;
      return offline(cache, request);
    }
  })());
});
