#!/usr/bin/env bash
# Latency of `praxis serve` from saving a page to the tabs' reload message (issue 4).
#
#   scripts/bench/serve-latency.sh                      # 10k pages, 50 body edits, 5 front-matter edits
#   CORPUS=path/to/hub EDITS=100 scripts/bench/serve-latency.sh
#
# The hub (default target/bench/corpus-10000, generated with the corpus generator when missing)
# is copied to a temporary folder first, since the edits modify it. Prints the first build's
# time and the save → reload latencies (p50, p95, max) of body edits (the fast path) and of
# front-matter edits (partial rebuilds), and writes them to target/bench/serve-latency.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${PAGES:-10000}
CORPUS=${CORPUS:-target/bench/corpus-$PAGES}
EDITS=${EDITS:-50}
FULL_EDITS=${FULL_EDITS:-5}
SEED=${SEED:-4}

if [ -z "${PRAXIS:-}" ]; then
  cargo build --release --bin praxis
  PRAXIS=target/release/praxis
fi
if [ ! -f "$CORPUS/hub.yaml" ]; then
  cargo run --release --example gen_corpus -- "$CORPUS" "$PAGES"
fi
work=$(mktemp -d /tmp/praxis-serve-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r "$CORPUS" "$work/hub"
rm -rf "$work/hub/public"
mkdir -p target/bench
# The server's preview folder goes inside $work too (it is not removed when the server is
# stopped by a signal).
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" python3 scripts/bench/serve_latency.py "$PRAXIS" "$work/hub" "$EDITS" "$FULL_EDITS" "$SEED" \
  | tee target/bench/serve-latency.txt
