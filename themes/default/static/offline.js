/* Praxis offline reading, published only when hub.yaml sets `offline: true` (docs/theme.md).
   Registers the service worker (sw.js), runs the "Save for offline reading" button of guides
   and reports, and fills the offline page's lists. Pages work the same without it. */
(function () {
  "use strict";
  var me = document.currentScript;
  var base = (me && me.getAttribute("data-base")) || "/";
  var worker = (me && me.getAttribute("data-sw")) || base + "sw.js";
  var SAVED = "praxis-saved", PAGES = "praxis-pages";
  var supported = "serviceWorker" in navigator && "caches" in window;
  if (supported) navigator.serviceWorker.register(worker, { scope: base }).catch(function () {});

  function absolute(url) { var u = new URL(url, location.href); u.hash = ""; return u.href; }

  /* What a saved page needs besides its HTML: stylesheets, scripts, icons and the images of its
     body, as the browser chose them for this screen. */
  function parts() {
    var urls = [];
    document.querySelectorAll("link[rel~=stylesheet][href], link[rel~=icon][href], script[src]").forEach(function (el) {
      urls.push(el.href || el.src);
    });
    document.querySelectorAll("main img").forEach(function (img) {
      if (img.currentSrc) urls.push(img.currentSrc);
      if (img.src) urls.push(img.src);
    });
    return urls.filter(function (u, i) { return u.indexOf(location.origin + base) === 0 && urls.indexOf(u) === i; });
  }

  function saveButton(button) {
    var url = absolute(button.getAttribute("data-offline-save"));
    var status = button.parentNode.querySelector("[role=status]");
    function show(saved, message) {
      button.setAttribute("aria-pressed", saved ? "true" : "false");
      if (message !== undefined) status.textContent = message;
    }
    caches.open(SAVED).then(function (cache) { return cache.match(url); }).then(function (hit) {
      show(!!hit);
      button.parentNode.removeAttribute("data-pending");
    });
    button.addEventListener("click", function () {
      var saving = button.getAttribute("aria-pressed") !== "true";
      button.disabled = true;
      caches.open(SAVED).then(function (cache) {
        if (!saving) {
          return Promise.all([url].concat(parts()).map(function (u) { return cache.delete(u); })).then(function () {
            show(false, "Removed from this device.");
          });
        }
        return Promise.all([url].concat(parts()).map(function (u) {
          return fetch(u).then(function (r) { if (r.ok) return cache.put(u, r); if (u === url) throw new Error(r.status); });
        })).then(function () {
          show(true, "Saved: you can read this page without a connection.");
        });
      }).catch(function () {
        show(!saving, "This page could not be saved. Check the connection and try again.");
      }).then(function () { button.disabled = false; });
    });
  }

  /* The offline page: what each cache holds, with each page's title read from its HTML. */
  function lists() {
    var box = document.getElementById("offline-lists");
    if (location.pathname !== base + "offline/") document.getElementById("offline-missing").hidden = false;
    if (!supported) { document.getElementById("offline-unsupported").hidden = false; return; }
    box.hidden = false;
    fill(SAVED, "offline-saved", true);
    fill(PAGES, "offline-visited", false);
  }
  function fill(name, id, removable) {
    var list = document.getElementById(id), empty = document.getElementById(id + "-empty");
    caches.open(name).then(function (cache) {
      return cache.keys().then(function (keys) {
        var pages = keys.filter(function (k) {
          var path = new URL(k.url).pathname;
          return /\/$|\.html$/.test(path) && path !== base + "offline/";
        }).reverse();
        return Promise.all(pages.map(function (k) {
          return cache.match(k).then(function (r) { return r.text(); }).then(function (html) {
            var doc = new DOMParser().parseFromString(html, "text/html");
            var h1 = doc.querySelector("h1");
            return { url: k.url, title: (h1 && h1.textContent.trim()) || doc.title || k.url };
          });
        }));
      });
    }).then(function (pages) {
      list.textContent = "";
      pages.forEach(function (p) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = p.url; a.textContent = p.title;
        li.appendChild(a);
        if (removable) {
          var remove = document.createElement("button");
          remove.type = "button"; remove.textContent = "Remove";
          remove.setAttribute("aria-label", "Remove " + p.title);
          remove.addEventListener("click", function () {
            caches.open(name).then(function (cache) { return cache.delete(p.url); }).then(function () {
              li.remove();
              document.getElementById("offline-status").textContent = "Removed “" + p.title + "”.";
              empty.hidden = list.children.length > 0;
            });
          });
          li.appendChild(remove);
        }
        list.appendChild(li);
      });
      empty.hidden = pages.length > 0;
    });
  }

  function init() {
    if (document.getElementById("offline-page")) lists();
    var button = document.querySelector("[data-offline-save]");
    if (button && supported) saveButton(button);
    else if (button) button.parentNode.hidden = true;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
