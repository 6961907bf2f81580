#!/usr/bin/env bash
# Site checks for the built site (see docs/checks.md).
#
# usage: scripts/site-checks.sh SITE_DIR [--screenshots DIR] [--report DIR]
#                               [--skip vnu,links,browser] [--no-install]
#
#   1. installs what is missing (idempotent, ~1 s when everything is there):
#      apt chromium (if /usr/bin/chromium is missing), openjdk-17-jre-headless
#      (if there is no Java >= 17), and the pinned npm packages of
#      scripts/site-checks/package-lock.json into scripts/site-checks/node_modules
#   2. vnu   W3C Nu HTML Checker over every .html file: 0 errors (warnings are reported)
#   3. links linkinator crawls the site served at http://127.0.0.1:PORT/repo/ and
#            at http://127.0.0.1:PORT/ (internal links, CSS urls, #fragments): 0 broken
#   4. browser  axe-core in headless Chromium on one page of each type, from
#            file:// and over http, light and dark: 0 serious/critical violations,
#            0 console errors, uncaught exceptions, failed or non-local requests
#   --screenshots DIR  also save PNGs of those pages at 390 and 1280 px, light and dark
#   --report DIR       where details go (default: a new /tmp/site-checks.XXXXXX)
#   --skip LIST        skip some of vnu,links,browser
#   --no-install       do not install anything; fail if something is missing
# Exit status: 0 all checks passed, 1 a check failed, 2 usage or setup error.
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KIT=$ROOT/scripts/site-checks
NM=$KIT/node_modules
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
SUBPATH=repo

usage() { sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
SITE=""; SHOTS=""; REPORT=""; SKIP=""; INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --screenshots) [ $# -ge 2 ] || usage; SHOTS=$2; shift 2;;
    --report) [ $# -ge 2 ] || usage; REPORT=$2; shift 2;;
    --skip) [ $# -ge 2 ] || usage; SKIP=",$2,"; shift 2;;
    --no-install) INSTALL=0; shift;;
    -h|--help) usage;;
    -*) echo "unknown option: $1" >&2; usage;;
    *) [ -z "$SITE" ] || { echo "extra argument: $1" >&2; usage; }; SITE=$1; shift;;
  esac
done
[ -n "$SITE" ] && [ -d "$SITE" ] || { echo "SITE_DIR missing or not a directory: '$SITE'" >&2; usage; }
SITE=$(cd "$SITE" && pwd -P)
skip() { case "$SKIP" in *",$1,"*) return 0;; esac; return 1; }
log() { echo "[site-checks] $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T_ALL=$(now)

# ------------------------------------------------------------------ 1. install
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
java_ok() { command -v java >/dev/null && java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); exit !(v[1] + 0 >= 17) }'; }
apt_pkgs=()
if ! skip browser && [ ! -x "$CHROMIUM" ]; then apt_pkgs+=(chromium); fi
if ! skip vnu && ! java_ok; then apt_pkgs+=(openjdk-17-jre-headless); fi
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  [ "$INSTALL" = 1 ] || { log "missing: ${apt_pkgs[*]} (run without --no-install)"; exit 2; }
  log "apt-get install ${apt_pkgs[*]} (about a minute)"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_pkgs[@]}" > /dev/null \
    || { log "apt-get install failed"; exit 2; }
  [ "$CHROMIUM" = /usr/bin/chromium ] || [ -x "$CHROMIUM" ] || CHROMIUM=/usr/bin/chromium
fi
command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' \
  || { log "Node >= 20 is required (found: $(node --version 2>/dev/null || echo none))"; exit 2; }
command -v python3 >/dev/null || { log "python3 is required"; exit 2; }
# npm deps, pinned by the lock; a stamp of the lock's hash makes re-runs free.
want=$(sha256sum "$KIT/package-lock.json" | cut -d' ' -f1)
have=$(cat "$NM/.lock.sha256" 2>/dev/null || true)
if [ "$want" != "$have" ] || [ ! -f "$NM/vnu-jar/build/dist/vnu.jar" ]; then
  [ "$INSTALL" = 1 ] || { log "npm deps missing or stale in $NM (run without --no-install)"; exit 2; }
  log "npm ci --ignore-scripts in scripts/site-checks (about 5-45 s)"
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; we use the system Java.
  # The npm cache also stays inside the clone (scripts/site-checks/.npm-cache, git-ignored).
  (cd "$KIT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_cache="$KIT/.npm-cache" \
     npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) || { log "npm ci failed"; exit 2; }
  echo "$want" > "$NM/.lock.sha256"
fi
VNU_JAR=$NM/vnu-jar/build/dist/vnu.jar
T_INSTALL=$(secs "$T_ALL")

# ------------------------------------------------------------------ report dir
if [ -n "$REPORT" ]; then mkdir -p "$REPORT"; else REPORT=$(mktemp -d "${TMPDIR:-/tmp}/site-checks.XXXXXX"); fi
REPORT=$(cd "$REPORT" && pwd -P)
mkdir -p "$REPORT/logs"
log "site $SITE -> report $REPORT"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ 2. vnu (background)
VNU_PID=""; T_VNU=$(now)
if ! skip vnu; then
  log "vnu over every .html file (background) ..."
  java -Xss2m -jar "$VNU_JAR" --format json --skip-non-html --exit-zero-always "$SITE" \
     2> "$REPORT/vnu.json" > "$REPORT/logs/vnu.out" &
  VNU_PID=$!; PIDS+=("$VNU_PID")
fi

# ------------------------------------------------------------------ http servers
# start_server NAME SUBPATH -> sets BASE_<NAME>
start_server() {
  local name=$1 sub=$2 pf="$REPORT/logs/port-$1"
  rm -f "$pf"
  python3 "$KIT/serve.py" "$SITE" --subpath "$sub" --port-file "$pf" --log "$REPORT/logs/http-$name.log" \
    > /dev/null 2> "$REPORT/logs/serve-$name.err" &
  PIDS+=("$!")
  for _ in $(seq 100); do [ -s "$pf" ] && break; sleep 0.1; done
  [ -s "$pf" ] || { log "test server did not start, see $REPORT/logs/serve-$name.err"; exit 2; }
  local port; port=$(cat "$pf")
  if [ -n "$sub" ]; then printf -v "BASE_$name" 'http://127.0.0.1:%s/%s/' "$port" "$sub"
  else printf -v "BASE_$name" 'http://127.0.0.1:%s/' "$port"; fi
}
if ! skip links || ! skip browser; then
  start_server sub "$SUBPATH"
  start_server root ""
fi

# ------------------------------------------------------------------ 3. links
# The crawls wait for vnu: with Java on both cores of a 2-core runner, pages that
# take too long to arrive show up as "status 0" broken links.
if [ -n "$VNU_PID" ] && ! skip links; then
  log "waiting for vnu before crawling ..."
  wait "$VNU_PID"; T_VNU=$(secs "$T_VNU"); VNU_PID=""
fi
T_LINKS=$(now)
if ! skip links; then
  for name in sub root; do
    base_var=BASE_$name; base=${!base_var}
    origin=${base%/"$SUBPATH"/}; origin=${origin%/}
    # skip everything that is not this test server (external http(s) links are not checked);
    # links that leave /repo/ on the same server are crawled and 404.
    # Modest concurrency and a long timeout: on a loaded 2-core runner (vnu runs alongside)
    # a short timeout shows up as spurious "status 0" broken links.  linkinator's own
    # --retry-errors is not used: its delayed retries can let node exit early with no
    # output at all (queue.js keeps only an unref'd timer alive).  Instead the crawl is
    # repeated once when the output is unusable or has status-0 (network) failures.
    for attempt in 1 2 3; do
      if [ "$attempt" = 1 ]; then log "linkinator --recurse $base ..."
      else log "linkinator: no usable result or network errors, crawling $base again ..."; fi
      echo "== attempt $attempt" >> "$REPORT/logs/linkinator-$name.err"
      "$NM/.bin/linkinator" "$base" --recurse --check-css --check-fragments --concurrency 4 --timeout 30000 \
        --skip "^(?!$(printf '%s' "$origin/" | sed 's/[.]/\\./g'))" --format JSON \
        > "$REPORT/linkinator-$name.json" 2>> "$REPORT/logs/linkinator-$name.err"
      echo "exit $?" >> "$REPORT/logs/linkinator-$name.err"
      python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(1 if any(l.get("state") == "BROKEN" and not l.get("status") for l in d["links"]) else 0)' \
        "$REPORT/linkinator-$name.json" 2>/dev/null && break
    done
  done
fi
T_LINKS=$(secs "$T_LINKS")

# ------------------------------------------------------------------ 4. browser
T_BROWSER=$(now)
BROWSER_RC=0
if ! skip browser; then
  log "axe-core + console/requests in Chromium (file:// and $BASE_sub, light and dark) ..."
  bargs=(--site "$SITE" --out "$REPORT" --http-base "$BASE_sub" --chromium "$CHROMIUM")
  # The offline copy, unpacked: search must work there from file:// too.
  zips=("$SITE"/*.zip)
  if [ -f "${zips[0]}" ]; then
    rm -rf "$REPORT/offline"
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "${zips[0]}" "$REPORT/offline"
    unpacked=("$REPORT/offline"/*/)
    bargs+=(--offline "${unpacked[0]}")
  fi
  [ -n "$SHOTS" ] && { mkdir -p "$SHOTS"; bargs+=(--screenshots "$(cd "$SHOTS" && pwd -P)"); }
  node "$KIT/browser.cjs" "${bargs[@]}" > "$REPORT/browser-summary.json" 2> "$REPORT/logs/browser.err"
  BROWSER_RC=$?
fi
T_BROWSER=$(secs "$T_BROWSER")

if [ -n "$VNU_PID" ]; then wait "$VNU_PID"; T_VNU=$(secs "$T_VNU"); elif skip vnu; then T_VNU=0; fi
cleanup; PIDS=()

# ------------------------------------------------------------------ 5. summary
python3 - "$REPORT" "$SITE" "$SKIP" "$BROWSER_RC" "$SHOTS" \
  "install ${T_INSTALL}s, vnu ${T_VNU}s, links ${T_LINKS}s, browser ${T_BROWSER}s, total $(secs "$T_ALL")s" <<'PY'
import json, os, sys
report, site, skip, browser_rc, shots, timings = sys.argv[1:7]
skipped = lambda n: ("," + n + ",") in skip
fails = []
out = []
MAX = 25

def p(s=""):
    out.append(s)

def rel(url):
    if url.startswith("file:"):
        url = url[5:]
    return os.path.relpath(url, site) if url.startswith(site) else url

# vnu
if not skipped("vnu"):
    try:
        msgs = json.load(open(os.path.join(report, "vnu.json"))).get("messages", [])
        errs = [m for m in msgs if m.get("type") in ("error", "non-document-error")]
        warns = [m for m in msgs if m.get("type") == "info" and m.get("subType") == "warning"]
        nfiles = sum(1 for dp, dn, fn in os.walk(site) for f in fn if f.endswith((".html", ".htm")))
        lines = ["%s:%s:%s: %s: %s" % (rel(m.get("url", "")), m.get("lastLine", m.get("firstLine", "?")),
                 m.get("firstColumn", m.get("lastColumn", "?")), "error" if m in errs else "warning", m.get("message", ""))
                 for m in errs + warns]
        open(os.path.join(report, "vnu.txt"), "w").write("\n".join(lines) + "\n")
        p("HTML (vnu, %d files): %d error(s), %d warning(s)%s" % (nfiles, len(errs), len(warns), "" if errs else "  OK"))
        for l in lines[:MAX]:
            p("  " + l)
        if len(lines) > MAX:
            p("  ... %d more in %s/vnu.txt" % (len(lines) - MAX, report))
        if errs:
            fails.append("html")
    except Exception as e:
        p("HTML (vnu): could not read vnu output (%s); see %s/logs/vnu.out" % (e, report)); fails.append("html")

# links
if not skipped("links"):
    for name, label in (("sub", "under /repo/"), ("root", "at /")):
        path = os.path.join(report, "linkinator-%s.json" % name)
        try:
            data = json.load(open(path))
            links = data.get("links", [])
            broken = [l for l in links if l.get("state") == "BROKEN"]
            ok = [l for l in links if l.get("state") == "OK"]
            pages = len({l.get("url") for l in ok if l.get("url", "").split("#")[0].endswith((".html", "/"))})
            p("Links (linkinator %s): %d internal URLs checked, %d broken, %d pages crawled; external links not checked%s"
              % (label, len(ok) + len(broken), len(broken), pages, "" if broken else "  OK"))
            lines = ["%s %s <- %s" % (l.get("status"), l.get("url"), l.get("parent")) for l in broken]
            open(os.path.join(report, "linkinator-%s.txt" % name), "w").write("\n".join(lines) + "\n")
            for l in lines[:MAX]:
                p("  " + l)
            if len(lines) > MAX:
                p("  ... %d more in %s/linkinator-%s.txt" % (len(lines) - MAX, report, name))
            if broken or not ok:
                fails.append("links " + label)
        except Exception as e:
            p("Links (linkinator %s): could not read output (%s); see %s/logs/linkinator-%s.err" % (label, e, report, name))
            fails.append("links " + label)

# browser
if not skipped("browser"):
    try:
        s = json.loads(open(os.path.join(report, "browser-summary.json")).read().strip().splitlines()[-1])
        bad = s["failures"]
        p("Browser (Chromium %s, %d pages x file/http x light/dark, %ss): axe serious/critical %d (other %d), "
          "console errors %d, uncaught %d, failed requests %d, non-local requests %d, load errors %d%s"
          % (s["chromium"], len(s["pages"]), s["elapsed_s"], s["axe_serious_critical"], s["axe_other"], s["console_errors"],
             s["uncaught"], s["failed_requests"], s["blocked_external"], s["nav_errors"], "" if bad else "  OK"))
        for m in s["missing_page_types"]:
            p("  missing page type: %s" % m)
        det = open(os.path.join(report, "browser.txt")).read().splitlines()[2:]
        det = [l for l in det if l.strip()]
        for l in det[:MAX * 2]:
            p("  " + l)
        if len(det) > MAX * 2:
            p("  ... more in %s/browser.txt" % report)
        if s["screenshots"] is not None:
            p("Screenshots: %d PNGs in %s" % (s["screenshots"], shots))
        if bad or browser_rc not in ("0", "1"):
            fails.append("browser")
    except Exception as e:
        p("Browser: did not run (%s); see %s/logs/browser.err" % (e, report)); fails.append("browser")

p("Time: " + timings)
p("Details: " + report)
p("RESULT: " + ("FAILED (" + ", ".join(fails) + ")" if fails else "all checks passed"))
text = "\n".join(out) + "\n"
open(os.path.join(report, "summary.txt"), "w").write(text)
sys.stdout.write(text)
sys.exit(1 if fails else 0)
PY
