// Measures what the browser search client downloads: per query, the requests made and their
// gzip-compressed bytes (what a static host sends with on-the-fly gzip), cold (nothing loaded
// but the page) and warm (after an earlier query). Runs the real client under Node.
// Usage: node search-transfer.mjs SITE_DIR QUERY...
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createSearch } = require("../../themes/default/static/search.js");
const [site, ...queries] = process.argv.slice(2);
const gz = (bytes) => gzipSync(bytes, { level: 6 }).length;

function engine(log) {
  return createSearch(async (file, kind) => {
    const bytes = readFileSync(join(site, "search", file));
    log.push({ file, bytes: bytes.length, gzip: gz(bytes) });
    if (kind === "bin") return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return JSON.parse(bytes.toString("utf8"));
  });
}

const client = gz(readFileSync(join(site, "search.js")));
const rows = [];
for (const q of queries) {
  const cold = [];
  await engine(cold).search(q, { exact: true, limit: 10 });
  // Warm: the reader typed the first word before the rest (or, for one word, searched for
  // another word first), so the manifest and some shards are cached.
  const warmLog = [];
  const warm = engine(warmLog);
  const words = q.split(/\s+/);
  await warm.search(words.length > 1 ? words.slice(0, -1).join(" ") : "report", { exact: true, limit: 10 });
  warmLog.length = 0;
  await warm.search(q, { exact: true, limit: 10 });
  const sum = (log) => log.reduce((a, r) => a + r.gzip, 0);
  // languages.json and the language's manifest load when the reader heads for the box.
  const afterManifest = cold.filter((r) => r.file !== "languages.json" && !r.file.endsWith("/manifest.json"));
  rows.push({
    query: q,
    cold_requests_after_keystroke: afterManifest.length,
    cold_gzip_bytes_with_client: client + sum(cold),
    warm_requests: warmLog.length,
    warm_gzip_bytes: sum(warmLog),
    files: cold.map((r) => `${r.file}:${r.gzip}`).join(" "),
  });
}
const languages = JSON.parse(readFileSync(join(site, "search/languages.json"), "utf8"));
const manifest = gz(readFileSync(join(site, "search/languages.json"))) + gz(readFileSync(join(site, "search", languages.default, "manifest.json")));
console.log(JSON.stringify({ client_gzip_bytes: client, manifest_gzip_bytes: manifest, rows }, null, 1));
