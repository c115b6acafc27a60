// Runs the browser search client under Node against an exported search folder.
// Usage: node search-cli.js SEARCH_DIR QUERIES.json  → prints a JSON array (one result list per query).
// Each request: {query, exact, limit, filters (by value), lang (a code, or "*" for every language)}.
"use strict";
const fs = require("fs");
const path = require("path");
const { createSearch } = require("../../themes/default/static/search.js");

const [dir, queriesFile] = process.argv.slice(2);
const requests = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
const fetched = [];
const engine = createSearch(async (file, kind) => {
  const bytes = fs.readFileSync(path.join(dir, file));
  fetched.push(file);
  if (kind === "bin") return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return JSON.parse(bytes.toString("utf8"));
});

(async () => {
  const out = [];
  for (const r of requests) {
    const res = await engine.search(r.query, { exact: r.exact !== false, limit: r.limit || 10, filters: r.filters, lang: r.lang });
    out.push(res.results.map((x) => ({ url: x.url, score: x.score, title: x.title, lang: x.lang })));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
