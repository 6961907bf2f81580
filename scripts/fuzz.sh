#!/usr/bin/env bash
# Fuzzing: builds every cargo-fuzz target in fuzz/ and runs each for a bounded time,
# starting from a temporary copy of its seed corpus (fuzz/corpus/<target>/), so
# that a run never changes tracked files. Exits non-zero when any target crashes
# (a panic, a failed assertion or a timeout), after printing the panic, the saved
# input and the command that reproduces it. See docs/checks.md, "Fuzzing".
#
#   bash scripts/fuzz.sh [--seconds N] [TARGET ...]   fuzz every target (or those named)
#   bash scripts/fuzz.sh --reproduce FILE [TARGET]     run one saved input again
#
# FUZZ_SECONDS sets the time per target (default 60); --seconds overrides it.
#
# cargo-fuzz needs nightly compiler flags. The project's toolchain is stable, so the
# build runs with RUSTC_BOOTSTRAP=1, and without a sanitizer (`--sanitizer none`):
# the crate has no unsafe code of its own, so AddressSanitizer would find little
# and would slow both the build and the runs.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_VERSION=0.13.2
TOOLS="$PWD/.ci/tools"     # gitignored; CI installs here, inside the clone
export PATH="$TOOLS/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export RUST_BACKTRACE=1       # a crash's panic comes with its backtrace...
export RUST_LIB_BACKTRACE=0   # ...but cargo-fuzz's own error report does not
FUZZ=(cargo fuzz)
SANITIZER=(--sanitizer none)

usage() {
    sed -n '2,16s/^# \{0,1\}//p' "$0" >&2
    exit 2
}

seconds="${FUZZ_SECONDS:-60}"
reproduce=""
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
        --reproduce) reproduce="${2:?--reproduce needs a file}"; shift 2 ;;
        -h|--help) usage ;;
        -*) echo "unknown option $1" >&2; usage ;;
        *) targets+=("$1"); shift ;;
    esac
done
case "$seconds" in
    # (libFuzzer reads -max_total_time=0 as "no limit".)
    ''|*[!0-9]*|0) echo "the time per target must be a whole number of seconds, at least 1, not '$seconds'" >&2; exit 2 ;;
esac

# Longest input each target is given, in bytes: the seeds are real files of at most
# 8 KB; dates are short; a whole site is built from at most 4 KB.
max_len() {
    case "$1" in
        date) echo 64 ;;
        site) echo 4096 ;;
        *) echo 8192 ;;
    esac
}

# A slower input than this (seconds) is reported as a hang.
TIMEOUT=30

if ! cargo-fuzz --version 2>/dev/null | grep -q " $FUZZ_VERSION\$"; then
    echo "== installing cargo-fuzz $FUZZ_VERSION into .ci/tools"
    cargo install --root "$TOOLS" --locked --version "$FUZZ_VERSION" cargo-fuzz
fi
cargo-fuzz --version

all_targets() {
    "${FUZZ[@]}" list
}

if [ -n "$reproduce" ]; then
    target="${targets[0]:-$(basename "$(dirname "$reproduce")")}"
    if ! all_targets | grep -qx "$target"; then
        echo "cannot tell the target of $reproduce: name it (targets: $(all_targets | tr '\n' ' '))" >&2
        exit 2
    fi
    echo "== $target: the input, as the target reads it"
    "${FUZZ[@]}" fmt "${SANITIZER[@]}" "$target" "$reproduce" 2>&1 | sed -n '/^Output of/,$p' || true
    echo "== $target: running it"
    "${FUZZ[@]}" run "${SANITIZER[@]}" "$target" "$reproduce" -- -runs=1
    exit $?
fi

[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(all_targets)

echo "== building the fuzz targets (release, debug assertions, no sanitizer)"
started=$SECONDS
lock_before="$(cksum fuzz/Cargo.lock)"
"${FUZZ[@]}" build "${SANITIZER[@]}"
echo "built in $((SECONDS - started)) s"
# fuzz/ is a workspace of its own with its own lock file. When the generator gains a
# dependency, cargo adds it there during the build: say so, so that it gets committed.
if [ "$(cksum fuzz/Cargo.lock)" != "$lock_before" ]; then
    echo "note: fuzz/Cargo.lock was behind the generator's Cargo.toml and cargo updated it; commit fuzz/Cargo.lock"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failed=()
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    mkdir -p "$corpus"
    if [ -d "fuzz/corpus/$target" ]; then
        cp -R "fuzz/corpus/$target/." "$corpus/"
    fi
    options=(-max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout="$TIMEOUT")
    options+=(-print_final_stats=1)
    if [ -f "fuzz/dict/$target.dict" ]; then
        options+=(-dict="fuzz/dict/$target.dict")
    fi
    log="$work/$target.log"
    echo "== fuzzing $target for $seconds s (max_len $(max_len "$target"))"
    before="$(ls "fuzz/artifacts/$target" 2>/dev/null || true)"
    started=$SECONDS
    status=0
    "${FUZZ[@]}" run "${SANITIZER[@]}" "$target" "$corpus" -- "${options[@]}" >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
    coverage="$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)"
    echo "$target: ${runs:-?} runs in $((SECONDS - started)) s, ${coverage:-cov: ?}, exit $status"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        echo "---- $target crashed; the end of its log:" >&2
        # From the panic (or libFuzzer's report) on, without libFuzzer's and libc's
        # own stack frames.
        sed -n '/panicked at\|^==[0-9]*== ERROR\|ALARM: working on the last Unit/,$p' "$log" \
            | awk '/^ *[0-9]+: / { skip = /_ZN6fuzzer|__libc_start|: _start$|: main$/ }
                   skip && /^ *([0-9]+: |at )/ { next }
                   { print }' \
            | head -150 >&2
        after="$(ls "fuzz/artifacts/$target" 2>/dev/null || true)"
        for input in $(comm -13 <(echo "$before" | sort) <(echo "$after" | sort)); do
            echo "saved input: fuzz/artifacts/$target/$input" >&2
            echo "reproduce:   bash scripts/fuzz.sh --reproduce fuzz/artifacts/$target/$input" >&2
        done
        echo "----" >&2
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found crashes in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzzing passed: ${#targets[@]} targets, $seconds s each, no crash"
