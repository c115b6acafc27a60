// A static server for scripts/lighthouse.sh: serves a built site on 127.0.0.1 with gzip, as a
// web host would (Praxis's page budget is about compressed weight), and the site's 404.html for
// missing pages. Usage: node scripts/lighthouse-serve.mjs SITE_DIR PORT
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";

const [root, port] = process.argv.slice(2);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
  ".png": "image/png", ".jpg": "image/jpeg", ".pdf": "application/pdf", ".ics": "text/calendar", ".bin": "application/octet-stream",
};
const TEXT = new Set([".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ics"]);
createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = normalize(join(root, path));
  if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
  let status = 200;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    await stat(file);
  } catch {
    file = join(root, "404.html");
    status = 404;
  }
  let body = await readFile(file);
  const headers = { "content-type": TYPES[extname(file)] || "application/octet-stream" };
  if (TEXT.has(extname(file)) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
    body = gzipSync(body);
    headers["content-encoding"] = "gzip";
    headers["vary"] = "Accept-Encoding";
  }
  res.writeHead(status, headers).end(body);
}).listen(+port, "127.0.0.1");
