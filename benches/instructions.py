#!/usr/bin/env python3
"""Instructions: how many instructions `check` and `build` take, counted by
valgrind's callgrind, on the shipped site and on a synthetic site (benches/make_site.py).

usage: benches/instructions.py [--partners N] [--against OTHER_BINARY]

Wall time on a shared machine swings by tens of percent from run to run; the
number of instructions a run executes does not depend on the machine's load, so it
shows what a change to the code did. Runs use one rayon thread
(RAYON_NUM_THREADS=1): with two, the threads steal work in a different order from
run to run and wait for each other, which moves the count by a percent or so.
Instructions are not time: a change can save instructions and lose time to cache
misses or to waiting, so benches/scale.py still decides what is faster.

With --against, the same runs are counted for another binary of the generator (a
build of an earlier commit, say) and the table gives both and their ratio. Needs
valgrind and a release build (`cargo build --release`); each run takes from a few
seconds to a minute under valgrind.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "natopartners")


def instructions(binary, arguments, work):
    """The instructions one run of `binary arguments` executes, on one rayon thread."""
    out = os.path.join(work, "callgrind.out")
    command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", binary, *arguments]
    environment = dict(os.environ, RAYON_NUM_THREADS="1")
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          env=environment)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if not found:
        sys.exit(f"no instruction count in valgrind's report:\n{done.stderr[-2000:]}")
    os.remove(out)
    return int(found.group(1))


def runs(site_root, label, work):
    """The runs to count: check, and a build into a fresh folder each time."""
    def build():
        return ["build", "--root", site_root, "--output", tempfile.mkdtemp(dir=work)]

    return [
        (f"check, {label}", lambda: ["check", "--root", site_root]),
        (f"build, {label}", build),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=1000,
                        help="partners in the synthetic site (default 1,000)")
    parser.add_argument("--against", help="another binary of the generator to count beside")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed (on Debian: apt-get install valgrind)")
    binaries = [("this", BIN)]
    if options.against:
        binaries.append(("other", os.path.abspath(options.against)))
    for _, binary in binaries:
        if not os.access(binary, os.X_OK):
            sys.exit(f"no binary at {binary} (cargo build --release)")

    work = tempfile.mkdtemp(prefix="instructions-")
    try:
        synthetic = os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "make_site.py"),
                        synthetic, str(options.partners)], check=True,
                       stdout=subprocess.DEVNULL)
        cases = runs(ROOT, "shipped site", work) + runs(
            os.path.join(synthetic, "ours"), f"{options.partners:,} partners", work)
        header = "| run | " + " | ".join(name for name, _ in binaries)
        header += " | ratio |" if options.against else " |"
        print(header)
        print("| --- |" + " ---: |" * (len(binaries) + (1 if options.against else 0)))
        for label, arguments in cases:
            counts = [instructions(binary, arguments(), work) for _, binary in binaries]
            cells = [f"{count / 1e6:,.0f} M" for count in counts]
            if options.against:
                cells.append(f"{counts[0] / counts[1]:.3f}")
            print(f"| {label} | " + " | ".join(cells) + " |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
