#!/usr/bin/env bash
# Lighthouse on the example hub, mobile settings (Lighthouse's defaults: a Moto G Power-sized
# screen, simulated slow 4G and a 4x slower CPU), with Debian's Chromium. Scores the home page,
# a guide, a report and a listing for accessibility, SEO, performance and best practices, and
# prints a Markdown table (docs/performance.md, "Reader experience", records one run).
#
#   scripts/lighthouse.sh            # writes target/lighthouse/*.report.{json,html}
#
# Needs: cargo, node 20 (Lighthouse 12.2.3 is the last version that runs on it), Debian's
# chromium (scripts/test-deps.sh installs it). Lighthouse is installed into target/lighthouse/.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=target/lighthouse
PORT=${PORT:-8765}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
mkdir -p "$WORK"

[ -x "$WORK/node_modules/.bin/lighthouse" ] \
  || npm install --prefix "$WORK" --no-audit --no-fund --loglevel=error lighthouse@12.2.3
cargo build --release --quiet --bin praxis
# Built for the address it is served at, so canonical links and the sitemap are on the same host.
rm -rf "$WORK/site"
target/release/praxis build --quiet --out "$WORK/site" --base-url "http://127.0.0.1:$PORT/"

node scripts/lighthouse-serve.mjs "$WORK/site" "$PORT" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done

echo "| page | accessibility | SEO | performance | best practices | FCP | LCP | TBT | CLS |"
echo "|---|---|---|---|---|---|---|---|---|"
for entry in "home:/" "guide:/guides/handwashing-stations/" "report:/reports/rural-water-functionality-2025/" "listing:/guides/"; do
  name=${entry%%:*}; path=${entry#*:}
  CHROME_PATH=$CHROMIUM "$WORK/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" \
    --quiet --chrome-flags="--headless=new --no-sandbox --disable-gpu" \
    --only-categories=accessibility,seo,performance,best-practices \
    --output=json --output=html --output-path="$WORK/$name" >/dev/null
  node -e '
    const r = require(process.argv[1]), c = r.categories, a = r.audits;
    const s = (k) => Math.round(c[k].score * 100);
    console.log(`| ${process.argv[2]} (\`${process.argv[3]}\`) | ${s("accessibility")} | ${s("seo")} | ${s("performance")} | ${s("best-practices")} | ` +
      [a["first-contentful-paint"], a["largest-contentful-paint"], a["total-blocking-time"], a["cumulative-layout-shift"]].map((x) => x.displayValue).join(" | ") + " |");
  ' "$PWD/$WORK/$name.report.json" "$name" "$path"
done
