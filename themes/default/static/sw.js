/* Praxis service worker, published only when hub.yaml sets `offline: true` (docs/theme.md).
   Online, every request goes to the network first, exactly as without it. What it keeps:
   - the offline page, the stylesheet and the scripts (cache "praxis-shell-N");
   - the last KEEP pages the reader visited (cache "praxis-pages");
   - the pages the reader saved with "Save for offline reading" and their images (cache
     "praxis-saved", written by offline.js).
   Offline, a page comes from those caches, or the offline page lists what can be read.
   The search index is never cached. */
"use strict";
var VERSION = "1";
var SHELL = "praxis-shell-" + VERSION, PAGES = "praxis-pages", SAVED = "praxis-saved", KEEP = 60;
var scope = self.registration.scope;
var OFFLINE = scope + "offline/";
var SEARCH = new URL(scope).pathname + "search/";

function keep(cacheName, request, response) {
  return caches.open(cacheName).then(function (cache) {
    return cache.put(request, response).then(function () {
      if (cacheName !== PAGES) return;
      return cache.keys().then(function (keys) {
        /* Oldest first: drop what is beyond the limit. */
        return Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP)).map(function (k) { return cache.delete(k); }));
      });
    });
  });
}

self.addEventListener("install", function (event) {
  var shell = [OFFLINE, scope + "praxis.css", scope + "offline.js", scope + "favicon.svg"];
  event.waitUntil(caches.open(SHELL).then(function (cache) {
    return Promise.all(shell.map(function (url) {
      return fetch(url).then(function (response) { if (response.ok) return cache.put(url, response); }).catch(function () {});
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("praxis-shell-") === 0 && n !== SHELL; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || request.url.indexOf(scope) !== 0 || url.pathname.indexOf(SEARCH) === 0 && request.mode !== "navigate") return;
  var page = request.mode === "navigate";
  var kept = page ? PAGES : (request.destination === "style" || request.destination === "script") ? SHELL : null;
  event.respondWith(fetch(request).then(function (response) {
    if (kept && response.ok && response.type === "basic") event.waitUntil(keep(kept, request, response.clone()));
    return response;
  }).catch(function () {
    return caches.match(request, { ignoreSearch: page }).then(function (hit) {
      if (hit) return hit;
      if (page) return caches.match(OFFLINE).then(function (offline) { return offline || Response.error(); });
      return Response.error();
    });
  }));
});
