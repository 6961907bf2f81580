#!/usr/bin/env bash
# The error overlay of `serve` in headless Chromium (scripts/site-checks/overlay.cjs):
# serves a copy of the shipped content with one field misspelt, then checks the
# overlay with axe-core in light and dark, its focus and its Hide button.
# Needs a release build and scripts/site-checks/node_modules (site-checks.sh installs
# them). Exit 0 = clean.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp -r content "$work/content"
first="$(ls "$work/content/partners" | head -n 1)"
sed -i 's/^status:/stauts:/' "$work/content/partners/$first"
./target/release/natopartners serve --root "$work" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 100); do
  grep -q 'http://' "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url="$(grep -o 'http://[^ ]*' "$work/serve.out" | head -n 1)"
if [ -z "$url" ]; then
  echo "serve did not start:" >&2; cat "$work/serve.err" >&2; exit 1
fi
node scripts/site-checks/overlay.cjs "${url}partners/${first%.md}.html"
