#!/usr/bin/env bash
# Builds the same synthetic site with this generator and with Hugo, timed by
# hyperfine in one run, and prints the ratio. Installs hugo and hyperfine from
# Debian if missing.
#
# usage: benches/compare-hugo.sh [N_PARTNERS]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-2000}"
need=()
command -v hugo >/dev/null || need+=(hugo)
command -v hyperfine >/dev/null || need+=(hyperfine)
if [ "${#need[@]}" -gt 0 ]; then
  apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release -q
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benches/make_site.py "$work" "$count"
bin="$PWD/target/release/natopartners"
ours="$bin build --root $work/ours --output $work/out-ours"
hugo="hugo --quiet --source $work/hugo --destination $work/out-hugo"
# Two cases: a rebuild over the previous output (the usual case while editing;
# this generator keeps files whose bytes did not change), and a clean build into
# an empty folder (each run's --prepare removes the output, outside the timing).
echo "== rebuild over the previous output"
hyperfine --warmup 2 --runs 10 --export-json "$work/rebuild.json" \
  --command-name natopartners "$ours" --command-name hugo "$hugo"
echo "== clean build into an empty folder"
hyperfine --warmup 1 --runs 10 --export-json "$work/clean.json" \
  --prepare "rm -rf $work/out-ours $work/out-hugo; sync" \
  --command-name natopartners "$ours" --command-name hugo "$hugo"
python3 - "$work" "$count" <<'PY'
import json, sys
work, count = sys.argv[1], sys.argv[2]
for case in ("rebuild", "clean"):
    results = json.load(open(f"{work}/{case}.json"))["results"]
    mean = {r["command"]: r["mean"] for r in results}
    ours, hugo = mean["natopartners"], mean["hugo"]
    print(f"{count} partners, {case}: natopartners {ours:.3f} s, hugo {hugo:.3f} s; "
          f"natopartners takes {ours / hugo:.2f}x Hugo's time")
PY
