#!/usr/bin/env bash
# Dependency audit: licences, bans (wildcards, duplicate versions) and sources with
# cargo-deny, all offline; yanked crate versions against the crates.io index; then
# RustSec advisories with `cargo deny check advisories`, on every run. The advisory
# database is fetched live from github.com (at most 60 s) into a temporary folder;
# when that fails, the dated snapshot in ../shared/advisory-db (RustSec advisory-db
# commit bf5c0d2 of 2026-08-21, see its SNAPSHOT.md) is used instead, and the output
# says which one was read and how old it is. With neither, the check fails. The
# database is kept only in a temporary folder, never in $CARGO_HOME or $HOME.
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
# cargo-deny reads every crate of the lock file, those of other platforms too (Windows
# ones, say), which a build on this machine never downloads: fetch them first.
cargo fetch --locked --quiet
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

echo "== advisories (RustSec database)"
work="$(mktemp -d "${TMPDIR:-/tmp}/deps-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# cargo-deny keeps each database in a git checkout at <db-path>/<name>-<hash>, where
# <name> is the URL's last path segment and <hash> is XxHash64 (seed 0xca80de71) of
# the lowercased URL. For the default https://github.com/rustsec/advisory-db this is
# the folder below (cargo-deny 0.20.2). db-path points into $work, never $CARGO_HOME.
dbs="$work/advisory-dbs"
db="$dbs/advisory-db-3157b0e258782691"
if grep -Eq '^[[:space:]]*(db-path|db-urls)[[:space:]]*=' deny.toml; then
    echo "deny.toml sets db-path or db-urls; this script chooses the database itself" >&2
    exit 1
fi
# The project's deny.toml with db-path added under [advisories].
awk -v path="$dbs" '{ print } /^\[advisories\]/ { print "db-path = \"" path "\"" }' \
    deny.toml >"$work/deny.toml"
deny_adv() { "$DENY" --color never --config "$work/deny.toml" "$@"; }

# 1. The live database, if github.com answers within 60 s.
live=0
GIT_TERMINAL_PROMPT=0 timeout -k 10 60 "$DENY" --color never --config "$work/deny.toml" \
    fetch db >"$work/fetch.log" 2>&1 || live=$?
if [ "$live" -eq 0 ] && [ -d "$db/crates" ]; then
    head_info="$(git -C "$db" log -1 --format='commit %H of %cs')"
    echo "advisory database: LIVE, https://github.com/rustsec/advisory-db fetched now, $head_info"
else
    if [ "$live" -eq 124 ] || [ "$live" -eq 137 ]; then
        echo "live advisory database: no answer from github.com within 60 s"
    else
        echo "live advisory database not reachable (cargo deny fetch db exited $live):"
        sed '/^[[:space:]]*$/d; s/^/    /' "$work/fetch.log" | tail -n 4
    fi
    # 2. The dated snapshot beside the clone.
    snap="${ADVISORY_DB_SNAPSHOT:-../shared/advisory-db}"
    if [ ! -f "$snap/SNAPSHOT.md" ] || [ ! -d "$snap/crates" ]; then
        echo "no RustSec advisory database: github.com is unreachable and there is no snapshot" >&2
        echo "at $snap (with SNAPSHOT.md and crates/); advisories cannot be checked" >&2
        exit 1
    fi
    stamp="$(grep -oE 'commit [0-9a-f]{40} of [0-9]{4}-[0-9]{2}-[0-9]{2}' "$snap/SNAPSHOT.md" | head -n 1 || true)"
    if [ -z "$stamp" ]; then
        echo "$snap/SNAPSHOT.md does not name the commit and date it was taken from" >&2
        exit 1
    fi
    snap_commit="${stamp#commit }"; snap_commit="${snap_commit%% *}"
    snap_date="${stamp##* }"
    age=$(( ($(date -u +%s) - $(date -u -d "$snap_date" +%s)) / 86400 ))
    # cargo-deny wants a git checkout: copy the snapshot and commit it, under a fixed
    # identity and the snapshot's date, with no hooks or signing from any git config.
    rm -rf "$dbs"
    mkdir -p "$db"
    cp -R "$snap/." "$db/"
    chmod -R u+w "$db"
    git -C "$db" init -q
    git -C "$db" add -A
    GIT_AUTHOR_NAME="advisory-db snapshot" GIT_AUTHOR_EMAIL="snapshot@localhost" \
    GIT_COMMITTER_NAME="advisory-db snapshot" GIT_COMMITTER_EMAIL="snapshot@localhost" \
    GIT_AUTHOR_DATE="${snap_date}T00:00:00Z" GIT_COMMITTER_DATE="${snap_date}T00:00:00Z" \
        git -C "$db" -c core.hooksPath=/dev/null -c commit.gpgsign=false \
        commit -q --no-verify -m "RustSec advisory-db snapshot, commit $snap_commit of $snap_date"
    echo "advisory database: SNAPSHOT $snap, RustSec advisory-db commit $snap_commit of $snap_date"
    echo "($age days old: advisories published after $snap_date are not checked)"
fi

# First show that the check can fail: a planted project pins smallvec 1.6.0, which
# RUSTSEC-2021-0003 affects. Its one crate comes from crates.io like every other.
fixture=scripts/fixtures/advisory/Cargo.toml
cargo fetch --locked --manifest-path "$fixture" --quiet
planted=0
deny_adv --offline --locked --manifest-path "$fixture" check advisories \
    >"$work/planted.log" 2>&1 || planted=$?
if [ "$planted" -eq 0 ] || ! grep -q 'ID: RUSTSEC-2021-0003' "$work/planted.log"; then
    cat "$work/planted.log" >&2
    echo "cargo deny exited $planted on $fixture without naming RUSTSEC-2021-0003" >&2
    echo "(expected a failure: it pins smallvec 1.6.0)" >&2
    exit 1
fi
echo "planted $fixture fails as expected (exit $planted):"
grep -E '^error\[|├ ID:|^advisories' "$work/planted.log" | sed 's/^ *//; s/^/    /'

deny_adv --offline --locked check advisories

echo "== docs/dependencies.md is current"
fresh="$work/dependencies.md"
python3 scripts/deps-licences.py "$fresh"
if ! diff -u docs/dependencies.md "$fresh"; then
    echo "docs/dependencies.md is out of date: run python3 scripts/deps-licences.py" >&2
    exit 1
fi
echo "dependency checks passed"
