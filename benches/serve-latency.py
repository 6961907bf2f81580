#!/usr/bin/env python3
"""From save to reload: how long `natopartners serve` takes to notice an edit to one
partner, rebuild and tell open pages to reload, beside `hugo server` on the same
synthetic site in the same run.

usage: benches/serve-latency.py [N_PARTNERS ...]     (default: the shipped site, then 1000)

For each site it starts the server, listens to its reload stream like an open page
does, then edits one partner file RUNS times (waiting for each reload) and reports
the median and worst time from the write to the reload event, and the server's own
rebuild time. For the synthetic sites it also starts `hugo server` on the Hugo shape
of the same site (benches/make_site.py) and reads Hugo's own rebuild time from its
log ("Total in N ms"), then prints the ratio of the rebuild times. Installs hugo from
Debian if it is missing. Needs a release build (`cargo build --release`).
"""
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "natopartners")
RUNS = 15


class Events:
    """The server's reload stream, read on a thread; `wait_change` returns when a
    build event with new data arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__natopartners/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.latest = None
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while True:
            chunk = self.sock.recv(4096)
            if not chunk:
                return
            buffer += chunk
            for match in re.finditer(rb"data: ([^\r\n]+)", buffer):
                with self.cond:
                    self.latest = (match.group(1).decode(), time.perf_counter())
                    self.cond.notify_all()
            buffer = buffer[-256:]

    def current(self):
        with self.cond:
            self.cond.wait_for(lambda: self.latest is not None, timeout=30)
            return self.latest[0]

    def wait_change(self, old, timeout=30):
        with self.cond:
            ok = self.cond.wait_for(lambda: self.latest and self.latest[0] != old, timeout=timeout)
            if not ok:
                raise SystemExit("no reload event within %ss" % timeout)
            return self.latest


def serve_ours(root, partner_file):
    proc = subprocess.Popen([BIN, "serve", "--port", "0", "--root", root],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(re.search(r":(\d+)/", proc.stdout.readline()).group(1))
    rebuilds = []
    threading.Thread(target=lambda: [rebuilds.append(float(m.group(1)) * (1000 if m.group(2) == "s" else 1))
                                     for line in proc.stderr
                                     for m in [re.search(r"built \d+ pages in ([\d.]+)(ms|s)\b", line)] if m],
                     daemon=True).start()
    events = Events(port)
    tag = events.current()
    time.sleep(0.5)
    rebuilds.clear()
    latencies = []
    original = open(partner_file, encoding="utf-8").read()
    for run in range(RUNS):
        with open(partner_file, "w", encoding="utf-8") as handle:
            handle.write(original + f"\nEdited, run {run}.\n")
        written = time.perf_counter()
        tag, arrived = events.wait_change(tag)
        latencies.append((arrived - written) * 1000)
        time.sleep(0.3)
    with open(partner_file, "w", encoding="utf-8") as handle:
        handle.write(original)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    return latencies, rebuilds


def serve_hugo(root, page_file):
    port = free_port()
    proc = subprocess.Popen(["hugo", "server", "--source", root, "--port", str(port), "--bind", "127.0.0.1",
                             "--disableFastRender"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    totals = []
    ready = threading.Event()

    def read():
        for line in proc.stdout:
            if "Web Server is available" in line:
                ready.set()
            m = re.search(r"Total in (\d+) ms", line)
            if m and ready.is_set():
                totals.append(float(m.group(1)))
    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(120):
        raise SystemExit("hugo server did not start")
    time.sleep(0.5)
    original = open(page_file, encoding="utf-8").read()
    for run in range(RUNS):
        seen = len(totals)
        with open(page_file, "w", encoding="utf-8") as handle:
            handle.write(original + f"\nEdited, run {run}.\n")
        deadline = time.time() + 30
        while len(totals) == seen and time.time() < deadline:
            time.sleep(0.01)
        time.sleep(0.3)
    with open(page_file, "w", encoding="utf-8") as handle:
        handle.write(original)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    return totals


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def report(name, latencies, rebuilds):
    print(f"{name}: save to reload event: median {statistics.median(latencies):.0f} ms, "
          f"worst {max(latencies):.0f} ms; rebuild median {statistics.median(rebuilds):.0f} ms "
          f"({len(latencies)} edits)")


def main():
    if not os.path.exists(BIN):
        raise SystemExit("build first: cargo build --release")
    sizes = sys.argv[1:] or ["shipped", "1000"]
    if any(s != "shipped" for s in sizes) and not shutil.which("hugo"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "hugo"], check=True, stdout=subprocess.DEVNULL)
    for size in sizes:
        with tempfile.TemporaryDirectory() as work:
            if size == "shipped":
                shutil.copytree(os.path.join(ROOT, "content"), os.path.join(work, "content"))
                partner = sorted(os.listdir(os.path.join(work, "content", "partners")))[0]
                latencies, rebuilds = serve_ours(work, os.path.join(work, "content", "partners", partner))
                report("shipped site", latencies, rebuilds)
                continue
            subprocess.run([sys.executable, os.path.join(ROOT, "benches", "make_site.py"), work, size], check=True)
            latencies, rebuilds = serve_ours(os.path.join(work, "ours"),
                                             os.path.join(work, "ours", "content", "partners", "p1.md"))
            report(f"{size} partners, natopartners serve", latencies, rebuilds)
            totals = serve_hugo(os.path.join(work, "hugo"), os.path.join(work, "hugo", "content", "partners", "p1.md"))
            if totals:
                ours, theirs = statistics.median(rebuilds), statistics.median(totals)
                print(f"{size} partners, hugo server: rebuild median {theirs:.0f} ms ({len(totals)} edits); "
                      f"natopartners rebuilds in {ours / theirs:.2f}x Hugo's time")


if __name__ == "__main__":
    main()
