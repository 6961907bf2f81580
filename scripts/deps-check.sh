#!/usr/bin/env bash
# Dependency audit: licences, bans (wildcards, duplicate versions) and sources with
# cargo-deny, all offline; yanked crate versions against the crates.io index; then
# advisories, only if a local copy of the RustSec advisory database exists (no
# package registry ships one; see docs/dependencies.md).
# Exits non-zero on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."

DENY_VERSION=0.20.2
TOOLS="$PWD/.ci/tools"     # gitignored; CI installs here, inside the clone
DENY="$TOOLS/bin/cargo-deny"

if ! "$DENY" --version 2>/dev/null | grep -q " $DENY_VERSION\$"; then
    echo "== installing cargo-deny $DENY_VERSION into .ci/tools"
    cargo install --root "$TOOLS" --locked --version "$DENY_VERSION" cargo-deny
fi
"$DENY" --version

echo "== cargo deny check licenses bans sources"
"$DENY" --offline --locked check licenses bans sources

echo "== yanked crate versions (crates.io index)"
# First show that the check can fail: a planted lockfile pins a yanked release.
planted=0
python3 scripts/yanked-check.py scripts/fixtures/yanked.lock 2>/dev/null || planted=$?
if [ "$planted" -ne 1 ]; then
    echo "yanked-check.py exited $planted on scripts/fixtures/yanked.lock (expected 1: it pins a yanked crate)" >&2
    exit 1
fi
python3 scripts/yanked-check.py Cargo.lock

echo "== advisories"
# With --offline cargo-deny reads the database from its db-path
# ($CARGO_HOME/advisory-dbs/advisory-db-<hash>, a git checkout) and never fetches.
dbs="${CARGO_HOME:-$HOME/.cargo}/advisory-dbs"
if compgen -G "$dbs/advisory-db-*/crates" >/dev/null; then
    "$DENY" --offline --locked check advisories
else
    echo "skipped: no local copy of the RustSec advisory database under $dbs"
    echo "(github.com is unreachable from here and no package registry ships one)."
fi

echo "== docs/dependencies.md is current"
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
python3 scripts/deps-licences.py "$fresh"
if ! diff -u docs/dependencies.md "$fresh"; then
    echo "docs/dependencies.md is out of date: run python3 scripts/deps-licences.py" >&2
    exit 1
fi
echo "dependency checks passed"
