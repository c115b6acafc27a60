// Measures Pagefind's transfer for the same queries, in headless Chromium: per query, a fresh
// browser context loads a blank page, then (the "first keystroke") imports Pagefind, searches
// and loads the top 10 results' data, as Pagefind's own UI does. Bytes are what a host with
// on-the-fly gzip sends (Pagefind's index files are already compressed and sent as they are).
// Usage: node pagefind-transfer.mjs SITE_DIR_WITH_PAGEFIND QUERY...
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const { serve, launch } = await import(join(process.cwd(), "tests/browser/harness.mjs"));
const [site, ...queries] = process.argv.slice(2);
writeFileSync(join(site, "pf-bench.html"), "<!doctype html><title>pf</title><p>bench</p>");

const server = await serve(site);
const { browser } = await launch(server.url);
const rows = [];
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + "/pf-bench.html");
  const seen = [];
  page.on("response", async (r) => {
    try {
      const body = await r.body();
      const already = /\.pf_|\.wasm/.test(r.url()) && body[0] === 0x1f && body[1] === 0x8b;
      seen.push({ url: r.url().replace(server.url, ""), bytes: already ? body.length : gzipSync(body).length });
    } catch { /* redirects have no body */ }
  });
  const count = await page.evaluate(async (query) => {
    const pagefind = await import("/pagefind/pagefind.js");
    await pagefind.init();
    const search = await pagefind.search(query);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
    return search.results.length;
  }, q);
  await page.waitForTimeout(100);
  rows.push({ query: q, results: count, requests: seen.length, gzip_bytes: seen.reduce((a, r) => a + r.bytes, 0) });
  await context.close();
}
await browser.close();
await server.close();
console.log(JSON.stringify(rows, null, 1));
