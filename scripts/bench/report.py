#!/usr/bin/env python3
"""Turns the raw timings of scripts/bench.sh into the Markdown report.

    python3 scripts/bench/report.py RESULTS_DIR

RESULTS_DIR holds results.tsv (case, pages, run, wall s, user s, sys s, peak RSS KB, output
bytes, output files, search bytes), corpora.tsv (pages, Markdown bytes, Markdown files) and
machine.txt. Each figure is the median over the runs. Hugo + Pagefind is the two commands one
after the other: per run, wall and CPU times are added and the peak memory is the larger one.
Ratios are the peer's figure divided by praxis's, so above 1 means praxis is faster or smaller.
"""
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def load(results):
    runs = defaultdict(dict)  # (case, pages) -> run -> record
    for line in (results / "results.tsv").read_text().splitlines():
        f = line.split("\t")
        if len(f) < 4:
            continue
        case, pages, run = f[0], int(f[1]), int(f[2])
        if f[3] == "failed":
            runs[(case, pages)][run] = None
            continue
        wall, user, sys_, rss = float(f[3]), float(f[4]), float(f[5]), int(f[6])
        runs[(case, pages)][run] = {
            "wall": wall,
            "cpu": user + sys_,
            "sys": sys_,
            "rss": rss / 1024.0,
            "bytes": int(f[7]),
            "files": int(f[8]),
            "search": int(f[9]),
        }
    return runs


def summarize(runs, case, pages):
    records = runs.get((case, pages), {})
    ok = [r for r in records.values() if r]
    if not ok:
        return None
    out = {k: median([r[k] for r in ok]) for k in ok[0]}
    out["runs"] = len(ok)
    out["failed"] = len(records) - len(ok)
    return out


def combined(runs, pages):
    hugo = runs.get(("hugo", pages), {})
    pf = runs.get(("pagefind", pages), {})
    pairs = [(hugo[r], pf[r]) for r in hugo if r in pf and hugo[r] and pf[r]]
    if not pairs:
        return None
    return {
        "wall": median([h["wall"] + p["wall"] for h, p in pairs]),
        "cpu": median([h["cpu"] + p["cpu"] for h, p in pairs]),
        "sys": median([h["sys"] + p["sys"] for h, p in pairs]),
        "rss": median([max(h["rss"], p["rss"]) for h, p in pairs]),
        # Pagefind writes into Hugo's output, so its folder size is the total.
        "bytes": median([p["bytes"] for _, p in pairs]),
        "files": median([p["files"] for _, p in pairs]),
        "search": median([p["search"] for _, p in pairs]),
        "runs": len(pairs),
    }


def fmt(value, unit):
    if value is None:
        return "–"
    if unit == "s":
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    if unit == "MB":
        return f"{value:.0f}"
    return str(value)


def ratio(peer, mine):
    if peer is None or mine is None or mine == 0:
        return "–"
    return f"{peer / mine:.1f}×"


def label(pages):
    return f"{pages // 1000}k" if pages % 1000 == 0 else str(pages)


def main():
    results = Path(sys.argv[1])
    runs = load(results)
    sizes = sorted({pages for _, pages in runs})
    corpora = {}
    corpora_file = results / "corpora.tsv"
    if corpora_file.exists():
        for line in corpora_file.read_text().splitlines():
            p, b, n = line.split("\t")
            corpora[int(p)] = (int(b), int(n))
    peers = any(case == "hugo" for case, _ in runs)

    print("## Build benchmark\n")
    print("```text")
    print((results / "machine.txt").read_text().rstrip())
    print("```\n")
    if peers:
        print("Median of the runs. *hugo ÷ praxis* and *(hugo + pagefind) ÷ praxis* divide the "
              "peer's figure by praxis's: above 1× praxis is faster or uses less memory. The praxis "
              "build includes its search index and export; Hugo alone has no search, Pagefind adds "
              "it.\n")
        print("| pages | metric | praxis | hugo | pagefind | hugo + pagefind | hugo ÷ praxis | (hugo + pagefind) ÷ praxis |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
    else:
        print("| pages | metric | praxis |")
        print("|---|---|---:|")
    for pages in sizes:
        p = summarize(runs, "praxis", pages)
        h = summarize(runs, "hugo", pages)
        f = summarize(runs, "pagefind", pages)
        c = combined(runs, pages)
        rows = [
            ("wall time (s)", "wall", "s"),
            ("CPU time, user + sys (s)", "cpu", "s"),
            ("of which sys (s)", "sys", "s"),
            ("peak memory (MB)", "rss", "MB"),
        ]
        for name, key, unit in rows:
            get = lambda s: s[key] if s else None  # noqa: E731
            if peers:
                print(f"| {label(pages)} | {name} | {fmt(get(p), unit)} | {fmt(get(h), unit)} | "
                      f"{fmt(get(f), unit)} | {fmt(get(c), unit)} | {ratio(get(h), get(p))} | "
                      f"{ratio(get(c), get(p))} |")
            else:
                print(f"| {label(pages)} | {name} | {fmt(get(p), unit)} |")
        size = lambda s: f"{s['bytes'] / 1e6:.0f} MB, {s['files']:.0f} files" if s else "–"  # noqa: E731
        search = lambda s: f"{s['search'] / 1e6:.1f} MB" if s and s["search"] else "–"  # noqa: E731
        if peers:
            hugo_only = f"{h['bytes'] / 1e6:.0f} MB, {h['files']:.0f} files" if h else "–"
            print(f"| {label(pages)} | output | {size(p)} | {hugo_only} | | {size(c)} | | |")
            print(f"| {label(pages)} | of which search | {search(p)} | – | | {search(c)} | | |")
        else:
            print(f"| {label(pages)} | output | {size(p)} |")
            print(f"| {label(pages)} | of which search | {search(p)} |")
    failed = [(case, pages, run) for (case, pages), rs in runs.items() for run, r in rs.items() if r is None]
    if failed:
        print("\nFailed runs (see logs/): " + ", ".join(f"{c} {label(p)} run {r}" for c, p, r in failed))
    if corpora:
        print("\nCorpora: " + "; ".join(
            f"{label(p)}: {n} Markdown files, {b / 1e6:.1f} MB" for p, (b, n) in sorted(corpora.items())))


if __name__ == "__main__":
    main()
