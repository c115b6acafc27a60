#!/usr/bin/env bash
# Search benchmark (issue 3): on a generated 10k-page hub, Praxis's index + export time and the
# bytes and requests its browser client needs per query, side by side with Pagefind indexing the
# same built site and answering the same queries in headless Chromium. One run, one machine.
#
#   scripts/bench/search.sh            # 10k pages (PAGES=… to change)
#
# Needs: cargo, node, Debian's chromium (scripts/test-deps.sh installs it), and Pagefind from npm
# (installed here into target/bench/node_modules).
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${PAGES:-10000}
WORK=target/bench/search-$PAGES
mkdir -p target/bench
TIME=/usr/bin/time
[ -x "$TIME" ] || { apt-get install -y -qq time >/dev/null; }

cargo build --release --quiet --bin praxis --example gen_corpus
[ -x target/bench/node_modules/.bin/pagefind ] || npm install --prefix target/bench --no-audit --no-fund --loglevel=error pagefind@1.6.0
scripts/test-deps.sh

if [ ! -f "$WORK/hub/hub.yaml" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  target/release/examples/gen_corpus "$WORK/hub" "$PAGES" >/dev/null
fi
# The same hub without search, to see what search adds to a build.
mkdir -p "$WORK/nosearch"
ln -sfn "$(realpath "$WORK/hub/content")" "$WORK/nosearch/content"
{ cat "$WORK/hub/hub.yaml"; echo "search: false"; } > "$WORK/nosearch/hub.yaml"

measure() { # label, command…  → prints "label wall cpu rss"
  local label=$1; shift
  local out
  out=$("$TIME" -f "%e %U %S %M" "$@" 2>&1 >/dev/null | tail -1)
  read -r wall user sys rss <<<"$out"
  printf '%s %s %.2f %s\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$rss"
}

echo "== builds ($PAGES pages), 3 runs each, median"
for variant in hub nosearch; do
  for run in 1 2 3; do
    measure "$variant" target/release/praxis --root "$WORK/$variant" build --quiet
  done | sort -k2 -n | sed -n 2p
done | tee "$WORK/builds.txt"
PRAXIS_TIMINGS=1 target/release/praxis --root "$WORK/hub" build --quiet 2>&1 | grep '^search:' | tee "$WORK/stages.txt"

echo "== Pagefind indexing the same built site"
rm -rf "$WORK/hub/public/pagefind"
measure pagefind target/bench/node_modules/.bin/pagefind --site "$WORK/hub/public" | tee "$WORK/pagefind.txt"

QUERIES=(water handwashing household "chlorine dosing" "groundwater recharge" monitoring latrines "menstrual health" hoses "the")
echo "== Praxis client: bytes (gzip) and requests per query"
node scripts/bench/search-transfer.mjs "$WORK/hub/public" "${QUERIES[@]}" > "$WORK/praxis-queries.json"
echo "== Pagefind: bytes and requests per query"
node scripts/bench/pagefind-transfer.mjs "$WORK/hub/public" "${QUERIES[@]}" > "$WORK/pagefind-queries.json"

python3 - "$WORK" <<'PY'
import json, sys, statistics
work = sys.argv[1]
builds = {l.split()[0]: l.split()[1:] for l in open(f"{work}/builds.txt")}
pf = open(f"{work}/pagefind.txt").read().split()
hub, nos = builds["hub"], builds["nosearch"]
print(f"\nbuild with search   : {hub[0]} s wall, {hub[1]} s CPU, {int(hub[2])//1024} MB peak")
print(f"build without search: {nos[0]} s wall, {nos[1]} s CPU, {int(nos[2])//1024} MB peak")
print(f"search adds         : {float(hub[0]) - float(nos[0]):.2f} s wall ({open(f'{work}/stages.txt').read().strip()})")
print(f"pagefind indexing   : {pf[1]} s wall, {pf[2]} s CPU, {int(pf[3])//1024} MB peak")
print(f"ratio (pagefind indexing / praxis search stage): {float(pf[1]) / max(0.01, float(hub[0]) - float(nos[0])):.1f}x wall")
p = json.load(open(f"{work}/praxis-queries.json"))
f = {r["query"]: r for r in json.load(open(f"{work}/pagefind-queries.json"))}
print(f"\nclient {p['client_gzip_bytes']} B gzip, manifest {p['manifest_gzip_bytes']} B gzip")
print(f"{'query':24} {'praxis cold':>12} {'req':>4} {'warm':>8} {'req':>4} | {'pagefind':>9} {'req':>4} | ratio")
for r in p["rows"]:
    q = f[r["query"]]
    print(f"{r['query']:24} {r['cold_gzip_bytes_with_client']:>12} {r['cold_requests_after_keystroke']:>4} {r['warm_gzip_bytes']:>8} {r['warm_requests']:>4} | {q['gzip_bytes']:>9} {q['requests']:>4} | {q['gzip_bytes'] / r['cold_gzip_bytes_with_client']:.1f}x")
PY
