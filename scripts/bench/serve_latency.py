"""Drives `praxis serve` on a hub and measures save -> reload-event latency.

Usage: serve_latency.py PRAXIS HUB EDITS FULL_EDITS SEED (see serve-latency.sh).
"""

import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import queue

praxis, hub, edits, full_edits, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rng = random.Random(seed)

load_at_start = os.getloadavg()
started = time.monotonic()
server = subprocess.Popen(
    [praxis, "--root", hub, "serve", "--port", "0"],
    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
)
line = server.stdout.readline()
first_ready = time.monotonic() - started
port = int(re.search(r":(\d+)/", line).group(1))

log = queue.Queue()  # (time, line) of the server's stderr


def read_stderr():
    for text in server.stderr:
        log.put((time.monotonic(), text.rstrip("\n")))


threading.Thread(target=read_stderr, daemon=True).start()

events = queue.Queue()  # (time, name, data)


def read_events():
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__praxis/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    buffer = b""
    name = None
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buffer += chunk
        while b"\n" in buffer:
            raw, buffer = buffer.split(b"\n", 1)
            text = raw.decode("utf-8", "replace").rstrip("\r")
            if text.startswith("event: "):
                name = text[7:]
            elif text.startswith("data: ") and name:
                events.put((time.monotonic(), name, text[6:]))
                name = None


threading.Thread(target=read_events, daemon=True).start()
time.sleep(1.0)


content = os.path.join(hub, "content")
pages, media = [], []
for folder, _, files in os.walk(content):
    for name in files:
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, content)
        if name.endswith(".md") and name != "_index.md" and not rel.startswith("members"):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            # Images and charts take the partial rebuild (see docs/performance.md): timed apart.
            (media if "![" in text or "praxis-chart" in text else pages).append(path)
pages.sort()
media.sort()


def drain(q):
    while True:
        try:
            q.get_nowait()
        except queue.Empty:
            return


def wait_event(since, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            at, name, _ = events.get(timeout=0.5)
        except queue.Empty:
            continue
        if at >= since and name in ("reload", "build-error", "follow"):
            return at, name
    raise SystemExit("no reload event within %d s" % timeout)


def wait_log(pattern, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            at, text = log.get(timeout=0.5)
        except queue.Empty:
            continue
        m = re.search(pattern, text)
        if m:
            return m
    return None


m = wait_log(r"Built (\d+) pages in (\d+) ms", timeout=5)
pages_built, build_ms = (int(m.group(1)), int(m.group(2))) if m else (None, None)
# After a full build the idle server fingerprints the served pages for partial rebuilds.
m = wait_log(r"pages fingerprinted in (\d+) ms")
fingerprint_ms = int(m.group(1)) if m else None


def body_edit(text, n):
    head, sep, body = text.partition("\n---\n")
    lines = body.split("\n")
    if n % 2 == 0:
        # A sentence at the end: the page changes, its summary does not.
        return head + sep + body.rstrip("\n") + "\n\nEdited in the benchmark, save %d.\n" % n
    for i, line in enumerate(lines):
        if line[:1].isalpha():
            lines[i] = "Edited %d. %s" % (n, line)
            break
    # The first paragraph: the summary changes, so the listings showing the page do too.
    return head + sep + "\n".join(lines)


def save(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


steps = {}  # step of a fast update -> [ms]
server_ms = []  # a fast update's own time, as the server reports it
partial_ms = []  # a partial rebuild's own time, as the server reports it
partial_steps = {}  # step of a partial rebuild -> [ms]
by_kind = {0: [], 1: []}  # body edits: 0 at the end (same summary), 1 in the first paragraph


def run(count, edit, pool):
    latencies, paths, searches = [], {}, []
    for n in range(count):
        path = rng.choice(pool)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        drain(log)
        time.sleep(0.2 + rng.random() * 0.3)
        t0 = time.monotonic()
        save(path, edit(text, n))
        at, name = wait_event(t0)
        latencies.append((at - t0) * 1000)
        outcome = wait_log(r"^(Updated|Rebuilt|Built|Build failed)(.*)")
        which = outcome.group(1) if outcome else "?"
        paths[which] = paths.get(which, 0) + 1
        if which == "Updated" and edit is body_edit:
            by_kind[n % 2].append(latencies[-1])
        # A fast update or a partial rebuild reports its time and steps, then the search
        # data catches up.
        timed = {"Updated": (server_ms, steps), "Rebuilt": (partial_ms, partial_steps)}
        if which in timed:
            total, per_step = timed[which]
            m = re.search(r"in (\d+) ms \((.*)\)", outcome.group(2))
            if m:
                total.append(int(m.group(1)))
                for part in m.group(2).split(", "):
                    name, value = part.rsplit(" ", 1)
                    per_step.setdefault(name, []).append(float(value))
            m = wait_log(r"Search data updated in (\d+) ms")
            if m:
                searches.append(int(m.group(1)))
    return latencies, paths, searches


def pct(values, p):
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


def summary(label, values):
    if not values:
        return "%s: none" % label
    return "%s: n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms" % (
        label, len(values), statistics.median(values), pct(values, 95), max(values))


body, body_paths, searches = run(edits, body_edit, pages)
fast_steps = dict(steps)
media_lat, media_paths, _ = run(min(full_edits, len(media)), body_edit, media) if media else ([], {}, [])


def front_matter_edit(text, n):
    def retitle(m):
        value = m.group(1)
        if value[:1] in "\"'":
            return "title: %sRev %d %s" % (value[0], n, value[1:])
        return "title: Rev %d %s" % (n, value)

    return re.sub(r"^title: (.*)$", retitle, text, count=1, flags=re.M)


full, full_paths, _ = run(full_edits, front_matter_edit, pages)
server.terminate()
server.wait()

print("date: %s UTC; nproc: %d; load average at start %.2f %.2f %.2f, at end %.2f %.2f %.2f" % (
    time.strftime("%Y-%m-%d %H:%M", time.gmtime()), os.cpu_count(), *load_at_start, *os.getloadavg()))
print("hub: %s (%d pages built)" % (hub, pages_built or 0))
print("first build (serve's own report): %s ms; serve ready after %.1f s; pages fingerprinted for partial rebuilds in %s ms (idle, after the first build)" % (build_ms, first_ready, fingerprint_ms))
print(summary("body edits, save -> reload", body), "paths:", body_paths)
print(summary("  of which a sentence at the end (summary unchanged)", by_kind[0]))
print(summary("  of which the first paragraph (summary changed)", by_kind[1]))
print(summary("  the server's own time for the update", server_ms))
print("  per step, median / p95 / max (ms): " + ", ".join(
    "%s %.1f / %.1f / %.1f" % (k, statistics.median(v), pct(v, 95), max(v)) for k, v in fast_steps.items()))
print(summary("search data caught up after the reload (ms)", searches))
print(summary("body edits of pages with images or charts, save -> reload", media_lat), "paths:", media_paths)
print("pages: %d text-only, %d with images or charts" % (len(pages), len(media)))
print(summary("front-matter edits, save -> reload", full), "paths:", full_paths)
print(summary("  the server's own time for a partial rebuild", partial_ms))
if partial_steps:
    print("  per step, median / p95 / max (ms): " + ", ".join(
        "%s %.1f / %.1f / %.1f" % (k, statistics.median(v), pct(v, 95), max(v)) for k, v in partial_steps.items()))
