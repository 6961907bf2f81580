#!/usr/bin/env python3
"""Fail if Cargo.lock pins a crate version that its registry has yanked.

Authors yank a release when it is broken or unsafe to use, often before an
advisory is written, and the crates.io index says so for every version. This
reads the index over its sparse HTTP protocol (the same files cargo fetches to
resolve dependencies), so it needs no database beyond the registry itself.

Usage: python3 scripts/yanked-check.py [Cargo.lock]
Exit status: 0 = nothing yanked, 1 = a yanked version is locked, 2 = the index
could not be read.
"""

import concurrent.futures
import json
import sys
import tomllib
import urllib.error
import urllib.request

INDEX = "https://index.crates.io"
CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"
SPARSE_CRATES_IO = "sparse+https://index.crates.io/"


def index_path(name: str) -> str:
    """The path of a crate's file in the index, as the registry lays it out."""
    name = name.lower()
    if len(name) <= 2:
        return f"{len(name)}/{name}"
    if len(name) == 3:
        return f"3/{name[0]}/{name}"
    return f"{name[:2]}/{name[2:4]}/{name}"


def published_versions(name: str) -> dict[str, bool]:
    """Every version of a crate in the index, mapped to whether it is yanked."""
    url = f"{INDEX}/{index_path(name)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        lines = response.read().decode("utf-8").splitlines()
    entries = map(json.loads, filter(None, lines))
    return {entry["vers"]: bool(entry.get("yanked")) for entry in entries}


def main() -> int:
    lock_path = sys.argv[1] if len(sys.argv) > 1 else "Cargo.lock"
    with open(lock_path, "rb") as lock_file:
        lock = tomllib.load(lock_file)

    locked: dict[str, set[str]] = {}
    others = []
    for package in lock.get("package", []):
        source = package.get("source")
        if source is None:
            continue  # a path dependency: this workspace's own crates
        if source in (CRATES_IO, SPARSE_CRATES_IO):
            locked.setdefault(package["name"], set()).add(package["version"])
        else:
            others.append(f"{package['name']} {package['version']} ({source})")

    problems = [f"not from crates.io, not checked: {p}" for p in others]
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        futures = {pool.submit(published_versions, name): name for name in locked}
        for future in concurrent.futures.as_completed(futures):
            name = futures[future]
            try:
                published = future.result()
            except (urllib.error.URLError, OSError, ValueError) as error:
                print(f"{lock_path}: cannot read the index entry of {name}: {error}",
                      file=sys.stderr)
                return 2
            for version in sorted(locked[name]):
                if version not in published:
                    problems.append(f"not published on crates.io: {name} {version}")
                elif published[version]:
                    problems.append(f"yanked from crates.io: {name} {version} "
                                    f"(run `cargo update -p {name}@{version}`)")

    count = sum(len(v) for v in locked.values())
    if problems:
        for problem in sorted(problems):
            print(f"{lock_path}: {problem}", file=sys.stderr)
        return 1
    print(f"{count} crate versions in {lock_path}: none yanked from crates.io")
    return 0


if __name__ == "__main__":
    sys.exit(main())
