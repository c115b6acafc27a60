// Shared by the browser tests: a static server for a built site, and Debian's headless
// Chromium driven by playwright-core, with every console error and failed or external
// request recorded so a test can assert there were none.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".json": "application/json", ".bin": "application/octet-stream", ".svg": "image/svg+xml",
  ".pdf": "application/pdf", ".xml": "application/xml", ".txt": "text/plain", ".ics": "text/calendar",
  ".png": "image/png", ".jpg": "image/jpeg", ".ico": "image/x-icon",
};

/** Serves `root` on a free loopback port; resolves to {url, close, requests, setOffline}.
    `setOffline(true)` makes the server drop every connection, as a lost network would. */
export async function serve(root) {
  const requests = [];
  let offline = false;
  const server = createServer(async (req, res) => {
    if (offline) { req.socket.destroy(); return; }
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/html" }).end(await readFile(join(root, "404.html")).catch(() => "not found"));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  const setOffline = (value) => { offline = value; if (value) server.closeAllConnections(); };
  return { url, requests, setOffline, close: () => { server.closeAllConnections(); return new Promise((ok) => server.close(ok)); } };
}

/** Launches Debian's headless Chromium. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** Records into `problems` every console error, page error, failed request, request that
    leaves `base` and HTTP error of a page or browser context. */
export function watch(target, base, problems) {
  target.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  target.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  target.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  target.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) problems.push(`external: ${r.url()}`); });
  target.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

/** Launches headless Chromium; resolves to {browser, page, problems}. */
export async function launch(base) {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const problems = watch(page, base, []);
  return { browser, page, problems };
}

/** The WCAG 2.2 AA rule tags of axe-core. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const AXE = await readFile(new URL("./node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** Runs axe-core (injected as a script, no request) on the page; resolves to its violations,
    one line each: rule, impact, how many elements and the first ones. */
export async function axe(page, tags = WCAG_TAGS) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const result = await page.evaluate((values) => window.axe.run(document, { runOnly: { type: "tag", values }, resultTypes: ["violations"] }), tags);
  return result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}×): ${v.help}; ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " → " + n.failureSummary.replace(/\s+/g, " ")).join(" | "));
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

/** Waits until the results stop changing: on a loaded machine a pause between two keystrokes
    can outlast the client's debounce, and the run for the whole word then replaces the list of
    an earlier one (and the focus in it). */
export async function settled(page) {
  let last = null;
  for (let i = 0; i < 50; i++) {
    const now = await page.locator("#search-results").innerHTML();
    if (now === last) return;
    last = now;
    await page.waitForTimeout(250);
  }
}
