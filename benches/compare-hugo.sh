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
hyperfine --warmup 1 --runs 5 --export-json "$work/result.json" \
  --command-name natopartners "$bin build --root $work/ours --output $work/out-ours" \
  --command-name hugo "hugo --quiet --source $work/hugo --destination $work/out-hugo"
python3 - "$work/result.json" "$count" <<'PY'
import json, sys
results = {r["command"]: r["mean"] for r in json.load(open(sys.argv[1]))["results"]}
ours, hugo = results["natopartners"], results["hugo"]
print(f"{sys.argv[2]} partners: natopartners {ours:.3f} s, hugo {hugo:.3f} s; "
      f"natopartners takes {ours / hugo:.2f}x Hugo's time")
PY
