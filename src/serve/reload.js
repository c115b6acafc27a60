/* Injected by `praxis serve` only: reloads the tab when the site changes, applies CSS without a
   reload, follows the page being edited (--follow), and shows build errors over the page. */
(function () {
  var overlay = null;
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "praxis-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The last change broke the build; this page is from the last good build.\n\n" +
      problems.map(function (p) { return p.file + ":" + p.line + ":" + p.col + "  " + p.code + "\n  " + p.message + (p.hint ? "\n  hint: " + p.hint : ""); }).join("\n\n");
  }
  function clear() { if (overlay) { overlay.remove(); overlay = null; } }
  var events = new EventSource("/__praxis/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("css", function () {
    clear();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href); url.searchParams.set("praxis-reload", Date.now()); link.href = url.href;
    });
  });
  events.addEventListener("follow", function (e) { location.href = JSON.parse(e.data).url; });
  events.addEventListener("build-error", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("ok", clear);
})();
