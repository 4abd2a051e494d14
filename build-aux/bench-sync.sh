#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The sync benchmark (the sync issue, point 12): push and pull of N
# documents between a local database and PouchDB Server on loopback,
# Kapija's replicator (tests/bench/bench-sync.c) against PouchDB 9's own on
# Node with LevelDB (tests/bench/pouchdb-replicate.js), the same documents,
# the same server, fresh databases each time. Both go through the same
# counting TCP proxy, so the bytes on the wire (both directions, headers
# included) are counted alike; they are compared with the gzip size of
# each document's canonical JSON. Run on demand, never in CI:
#
#   build-aux/bench-sync.sh            10,000 and 100,000 documents (a few minutes)
#   build-aux/bench-sync.sh --quick    2,000 documents, a smoke run
#
# Options:
#   --quick            2,000 documents only
#   --docs "N M …"     these document counts
#   --seed N           seed of the synthetic documents (default 20260301)
#   --dir DIR          work folder (default: a new folder in $TMPDIR or /var/tmp)
#   --keep             keep the work folder
#   --bench-exe EXE    use this bench-sync (and bench-store next to it)
#
# The table is also written to tests/bench/results/ (git-ignored).

set -euo pipefail
trap 'echo "bench-sync.sh: line $LINENO: $BASH_COMMAND failed" >&2' ERR

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
benchdir=$srcdir/tests/bench
builddir=$srcdir/_build-bench

counts="10000 100000"
seed=20260301
workdir=
keep=0
exe=

while [ $# -gt 0 ]; do
  case $1 in
    --quick) counts=2000 ;;
    --docs) counts=$2; shift ;;
    --seed) seed=$2; shift ;;
    --dir) workdir=$2; shift ;;
    --keep) keep=1 ;;
    --bench-exe) exe=$2; shift ;;
    -h|--help) sed -n '4,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-sync.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

log () {
  printf '%s\n' "$*" >&2
}

# 1. The C side, built optimised in the benchmarks' build folder.
if [ -z "$exe" ]; then
  if [ ! -f "$builddir/build.ninja" ]; then
    log "Configuring $builddir (release)…"
    meson setup --buildtype=release "$builddir" "$srcdir" >/dev/null
  fi
  log "Building bench-sync and bench-store…"
  meson compile -C "$builddir" tests/bench/bench-sync tests/bench/bench-store >/dev/null
  exe=$builddir/tests/bench/bench-sync
fi
generator=$(dirname "$exe")/bench-store
[ -x "$exe" ] && [ -x "$generator" ] || { echo "bench-sync.sh: $exe or $generator missing" >&2; exit 1; }

# 2. PouchDB 9 (tests/bench/package.json) and PouchDB Server (tests/server).
if [ ! -d "$benchdir/node_modules/pouchdb" ]; then
  log "Installing PouchDB 9 (npm ci)…"
  (cd "$benchdir" && npm ci --no-audit --no-fund >/dev/null)
fi
if [ ! -x "$srcdir/tests/server/node_modules/.bin/pouchdb-server" ]; then
  log "Installing PouchDB Server (npm ci)…"
  (cd "$srcdir/tests/server" && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
fi
node=(node "$benchdir/pouchdb-replicate.js")

# 3. The work folder.
if [ -z "$workdir" ]; then
  workdir=$(mktemp -d "${TMPDIR:-/var/tmp}/kapija-bench-sync.XXXXXX")
else
  mkdir -p "$workdir"
fi

pids=()
cleanup () {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  if [ $keep -eq 0 ]; then
    rm -rf "$workdir"
  fi
}
trap cleanup EXIT

free_port () {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_for () {
  for _ in $(seq 100); do
    if curl -sf "$1" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "bench-sync.sh: $1 does not answer" >&2
  exit 1
}

# The server, in memory, on loopback.
server_port=$(free_port)
mkdir -p "$workdir/server"
(cd "$workdir/server" && exec "$srcdir/tests/server/node_modules/.bin/pouchdb-server" \
   --in-memory --host 127.0.0.1 --port "$server_port" -n >"$workdir/server/out.txt" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$server_port/"

# Sets $db to a new empty database (not in a subshell: the counter must
# move on).
db_counter=0
new_db () {
  db_counter=$((db_counter + 1))
  db=kapija-bench-$db_counter
  curl -sf -X PUT "http://127.0.0.1:$server_port/$db" >/dev/null
}

# Runs "$@" with a fresh counting proxy in front of the server as $proxy_url;
# the command's "key value" lines go into the array named $1, and the proxy's
# byte counts as <prefix>_bytes_up / _bytes_down.
declare -A kap pouch gen
measure () {
  local -n into=$1
  local prefix=$2
  shift 2
  local port out key value
  port=$(free_port)
  "${node[@]}" proxy "$port" "$server_port" >"$workdir/proxy.out" 2>"$workdir/proxy.err" &
  local proxy_pid=$!
  for _ in $(seq 100); do
    grep -q ready "$workdir/proxy.err" 2>/dev/null && break
    sleep 0.05
  done
  proxy_url=http://127.0.0.1:$port
  out=$("$@" "$proxy_url") || { kill $proxy_pid; echo "bench-sync.sh: failed: $*" >&2; exit 1; }
  kill -TERM $proxy_pid
  wait $proxy_pid || true
  while read -r key value; do
    into[$key]=$value
  done <<<"$out"
  while read -r key value; do
    into[${prefix}_$key]=$value
  done <"$workdir/proxy.out"
}

# The commands take the proxy URL as their last argument; these adapters
# put it where each program wants it.
kap_push () { "$exe" push "$1" "$2" "$4" "$3"; }
kap_pull () { "$exe" pull "$1" "$4" "$2" "$3"; }
pouch_push () { "${node[@]}" push "$1" "$2" "$4" "$3"; }
pouch_pull () { "${node[@]}" pull "$1" "$4" "$2" "$3"; }

fmt () {
  awk -v v="$1" 'BEGIN {
    s = sprintf ("%.0f", v); out = ""
    while (length (s) > 3) { out = "," substr (s, length (s) - 2) out; s = substr (s, 1, length (s) - 3) }
    print s out
  }'
}
per_doc () {
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.0f", (a + b) / n }'
}
ratio () {
  awk -v k="$1" -v p="$2" 'BEGIN { if (p <= 0) print "n/a"; else printf "%.2f×", k / p }'
}

rows=()
for n in $counts; do
  data=$workdir/documents-$n.jsonl
  log "Generating $n documents (seed $seed)…"
  "$generator" generate "$seed" "$n" "$data" >/dev/null
  unset kap pouch gen
  declare -A kap pouch gen
  while read -r key value; do gen[$key]=$value; done < <("$exe" gzip "$data")

  log "Kapija push of $n…"
  new_db
  measure kap push kap_push "$data" "$workdir/push-$n.kapija" "$db"
  log "Kapija pull of $n…"
  measure kap pull kap_pull "$workdir/pull-$n.kapija" "$db" "$n"

  log "PouchDB push of $n…"
  new_db
  measure pouch push pouch_push "$data" "$workdir/push-$n.leveldb" "$db"
  log "PouchDB pull of $n…"
  measure pouch pull pouch_pull "$workdir/pull-$n.leveldb" "$db" "$n"

  for dir in push pull; do
    kap_rate=${kap[${dir}_docs_per_s]}
    pouch_rate=${pouch[${dir}_docs_per_s]}
    kap_wire=$(per_doc "${kap[${dir}_bytes_up]}" "${kap[${dir}_bytes_down]}" "$n")
    pouch_wire=$(per_doc "${pouch[${dir}_bytes_up]}" "${pouch[${dir}_bytes_down]}" "$n")
    rows+=("$(printf '%-8s %-5s %12s %12s %8s %10s %10s %8s %8s' "$(fmt "$n")" "$dir" \
      "$(fmt "$kap_rate")" "$(fmt "$pouch_rate")" "$(ratio "$kap_rate" "$pouch_rate")" \
      "$kap_wire" "$pouch_wire" "${gen[json_bytes_per_doc]}" "${gen[gzip_bytes_per_doc]}")")
  done
done

table=$(
  echo "Sync benchmark: Kapija (SQLite, synchronous=FULL) vs PouchDB $(cd "$benchdir" && node -p 'require("pouchdb/package.json").version') (LevelDB) ↔ PouchDB Server, loopback"
  echo "$(nproc) cores, $(node --version), seed $seed; rates in documents per second, wire in bytes per document (both directions)"
  echo
  printf '%-8s %-5s %12s %12s %8s %10s %10s %8s %8s\n' docs dir "Kapija/s" "PouchDB/s" ratio "Kap wire" "Pouch wire" json gzip
  printf '%s\n' "${rows[@]}"
)
echo "$table"
mkdir -p "$benchdir/results"
echo "$table" >"$benchdir/results/bench-sync-$(date +%Y%m%d-%H%M%S).txt"
