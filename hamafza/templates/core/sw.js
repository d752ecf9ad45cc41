// Hamafza service worker: makes the site installable and keeps the static shell available offline.
// Pages themselves always come from the network, so nobody ever sees someone else's cached data.
const CACHE = "hamafza-static-v1";
const SHELL = [
  "/static/vendor/bootstrap/bootstrap.rtl.min.css",
  "/static/vendor/vazirmatn/vazirmatn.css",
  "/static/css/hamafza.css",
  "/static/js/hamafza.js",
  "/static/js/theme.js",
  "/static/icons/icon-192.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith("/static/")) {
    return;
  }
  event.respondWith(
    caches.match(event.request).then((hit) => hit || fetch(event.request).then((response) => {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
      return response;
    }))
  );
});
