#!/usr/bin/env python3
"""Summarises a `perf record --call-graph dwarf` profile of praxis by pipeline stage.

    perf script -i perf.data | python3 scripts/bench/perf_summary.py [PATTERN ...]

Prints, for each stage (or each PATTERN given, a substring of a symbol), the share of all
samples whose stack contains it (inclusive time), and the hottest leaf functions (self time).
"""
import collections
import re
import sys

STAGES = [
    ("load (walk content/)", "praxis::load::"),
    ("parse (front-matter)", "praxis::parse::"),
    ("assemble (site)", "praxis::site::assemble"),
    ("  markdown render", "praxis::markdown::render"),
    ("  ammonia sanitizer", "ammonia::"),
    ("  taxonomies", "praxis::taxonomy::build"),
    ("render (templates)", "praxis::render::render_site"),
    ("  summaries (context)", "praxis::context::Views::all_summaries"),
    ("  paginators", "praxis::context::paginate"),
    ("  tera render", "tera::tera::Tera::render"),
    ("  tera Context::insert", "tera::context::Context::insert"),
    ("  drop of Context", "drop_in_place<tera::context::Context>"),
    ("  taxonomy views", "praxis::context::taxonomy_view"),
    ("  serialize TaxonomyView", "Serialize for praxis::context::TaxonomyView"),
    ("write (files)", "praxis::write::write_site"),
    ("  remove old output", "remove_dir_all"),
    ("malloc/free (anywhere)", None),
]
ALLOC = re.compile(r"\b(malloc|_int_malloc|_int_free|cfree|free|realloc|malloc_consolidate|unlink_chunk)")


def samples(stream):
    stack = []
    for line in stream:
        line = line.rstrip("\n")
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        if line.startswith(("\t", " ")):
            parts = line.strip().split(" ", 1)
            if len(parts) == 2:
                sym = re.sub(r"\+0x[0-9a-f]+ \(.*\)$", "", parts[1])
                sym = re.sub(r" \(.*\)$", "", sym)
                stack.append(sym)
        else:
            stack = []
    if stack:
        yield stack


def main():
    patterns = [(p, p) for p in sys.argv[1:]] or STAGES
    total = 0
    hits = collections.Counter()
    leaves = collections.Counter()
    for stack in samples(sys.stdin):
        total += 1
        leaves[stack[0][:110]] += 1
        for name, pattern in patterns:
            if pattern is None:
                if ALLOC.search(stack[0]):
                    hits[name] += 1
            elif any(pattern in frame for frame in stack):
                hits[name] += 1
    if not total:
        sys.exit("no samples")
    print(f"{total} samples")
    print("inclusive share by stage:")
    for name, _ in patterns:
        print(f"  {100.0 * hits[name] / total:5.1f}%  {name}")
    print("hottest functions (self):")
    for sym, n in leaves.most_common(15):
        print(f"  {100.0 * n / total:5.1f}%  {sym}")


if __name__ == "__main__":
    main()
