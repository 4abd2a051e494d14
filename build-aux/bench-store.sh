#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The store benchmark: Kapija's SQLite store (tests/bench/bench-store.c)
# against PouchDB 9 on Node with its LevelDB adapter
# (tests/bench/pouchdb-baseline.js), the same work on the same documents,
# one table with both figures and the ratio. Run on demand, never in CI:
#
#   build-aux/bench-store.sh            100,000 documents, about 1 minute on 2 cores
#   build-aux/bench-store.sh --quick    10,000 documents, a smoke run
#
# Options:
#   --quick            10,000 documents and 500 single saves
#   --docs N           import, changes, open and size with N documents
#   --puts N           N durable single saves
#   --seed N           seed of the synthetic documents (default 20260301)
#   --dir DIR          work folder (default: a new folder in $TMPDIR or
#                      /var/tmp, which is on disk; tmpfs would make fsync free)
#   --keep             keep the work folder
#   --bench-exe EXE    use this bench-store instead of building _build-bench
#
# The table is also written to tests/bench/results/ (git-ignored).

set -euo pipefail
trap 'echo "bench-store.sh: line $LINENO: $BASH_COMMAND failed" >&2' ERR

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
benchdir=$srcdir/tests/bench
builddir=$srcdir/_build-bench

docs=100000
puts=2000
seed=20260301
batch=1000
page=1000
opens=5
workdir=
keep=0
exe=

while [ $# -gt 0 ]; do
  case $1 in
    --quick) docs=10000; puts=500 ;;
    --docs) docs=$2; shift ;;
    --puts) puts=$2; shift ;;
    --seed) seed=$2; shift ;;
    --dir) workdir=$2; shift ;;
    --keep) keep=1 ;;
    --bench-exe) exe=$2; shift ;;
    -h|--help) sed -n '4,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-store.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$puts" -gt "$docs" ]; then
  echo "bench-store.sh: --puts ($puts) cannot exceed --docs ($docs)" >&2
  exit 2
fi

log () {
  printf '%s\n' "$*" >&2
}

# 1. The C side, built optimised in its own build folder.
if [ -z "$exe" ]; then
  if [ ! -f "$builddir/build.ninja" ]; then
    log "Configuring $builddir (release)…"
    meson setup --buildtype=release "$builddir" "$srcdir" >/dev/null
  fi
  log "Building bench-store…"
  meson compile -C "$builddir" tests/bench/bench-store >/dev/null
  exe=$builddir/tests/bench/bench-store
fi
[ -x "$exe" ] || { echo "bench-store.sh: $exe is not an executable" >&2; exit 1; }

# 2. The baseline's node_modules, exactly as package-lock.json pins them.
if [ ! -d "$benchdir/node_modules/pouchdb" ] || [ ! -d "$benchdir/node_modules/leveldown" ]; then
  log "Installing PouchDB 9 (npm ci)…"
  (cd "$benchdir" && npm ci --no-audit --no-fund >/dev/null)
fi
node=(node "$benchdir/pouchdb-baseline.js")

# 3. The work folder and the documents, generated once for both sides.
if [ -z "$workdir" ]; then
  workdir=$(mktemp -d "${TMPDIR:-/var/tmp}/kapija-bench.XXXXXX")
else
  mkdir -p "$workdir"
  if [ -n "$(ls -A "$workdir")" ]; then
    echo "bench-store.sh: $workdir is not empty" >&2
    exit 1
  fi
fi
if [ $keep -eq 0 ]; then
  trap 'rm -rf "$workdir"' EXIT
fi

declare -A kap pouch gen

# Reads "key value" lines from a command into the named associative array.
collect () {
  local -n into=$1
  shift
  local key value
  while read -r key value; do
    into[$key]=$value
  done < <("$@")
  # A failed measurement must stop the run, not leave an empty cell.
  wait $! || { echo "bench-store.sh: failed: $*" >&2; exit 1; }
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
data=$workdir/documents.jsonl
log "Generating $docs documents (seed $seed)…"
collect gen "$exe" generate "$seed" "$docs" "$data"

# 4. The measurements, each in a fresh process, Kapija first then PouchDB.
log "1/5 durable single saves ($puts)…"
collect kap "$exe" put "$data" "$workdir/put.kapija" "$puts"
collect pouch "${node[@]}" put "$data" "$workdir/put.leveldb" "$puts"
collect pouch "${node[@]}" put "$data" "$workdir/put-sync.leveldb" "$puts" --sync

log "2/5 import of $docs documents in batches of $batch…"
collect kap "$exe" import "$data" "$workdir/import.kapija" "$batch"
collect pouch "${node[@]}" import "$data" "$workdir/import.leveldb" "$batch"

# 5 (measured now, while nothing else has touched the closed stores).
file_bytes () {
  local total=0 f
  for f in "$@"; do
    if [ -f "$f" ]; then
      total=$((total + $(stat -c %s "$f")))
    fi
  done
  echo $total
}
kap[bytes]=$(file_bytes "$workdir/import.kapija" "$workdir/import.kapija-wal" "$workdir/import.kapija-shm")
kap[wal_bytes]=$(file_bytes "$workdir/import.kapija-wal")
pouch[bytes]=$(file_bytes "$workdir"/import.leveldb/*)

log "3/5 changes feed in pages of $page…"
collect kap "$exe" changes "$workdir/import.kapija" "$page" "$docs"
collect pouch "${node[@]}" changes "$workdir/import.leveldb" "$page" "$docs"

log "4/5 open + count, $opens fresh processes each…"
median () {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
kap_open=() pouch_open=() kap_proc=() pouch_proc=()
for _ in $(seq $opens); do
  t0=$(date +%s%N)
  collect kap "$exe" open "$workdir/import.kapija" "$docs"
  t1=$(date +%s%N)
  collect pouch "${node[@]}" open "$workdir/import.leveldb" "$docs"
  t2=$(date +%s%N)
  kap_open+=("${kap[open_ms]}") pouch_open+=("${pouch[open_ms]}")
  kap_proc+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')")
  pouch_proc+=("$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", (b - a) / 1e6 }')")
done
kap[open_median_ms]=$(median "${kap_open[@]}")
pouch[open_median_ms]=$(median "${pouch_open[@]}")
kap[proc_median_ms]=$(median "${kap_proc[@]}")
pouch[proc_median_ms]=$(median "${pouch_proc[@]}")

# 5. Bytes on disk per document (file sizes, collected above).
log "5/5 bytes on disk…"
kap[bytes_per_doc]=$(awk -v b="${kap[bytes]}" -v n="$docs" 'BEGIN { printf "%.0f", b / n }')
pouch[bytes_per_doc]=$(awk -v b="${pouch[bytes]}" -v n="$docs" 'BEGIN { printf "%.0f", b / n }')

load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# The table.
fmt_num () {
  awk -v v="$1" 'BEGIN {
    s = (v >= 100) ? sprintf ("%.0f", v) : (v >= 10) ? sprintf ("%.1f", v) : (v >= 1) ? sprintf ("%.2f", v) : sprintf ("%.3f", v)
    # Thousands separators for the integer part.
    split (s, p, ".")
    i = p[1]; out = ""
    while (length (i) > 3) { out = "," substr (i, length (i) - 2) out; i = substr (i, 1, length (i) - 3) }
    out = i out
    if (p[2] != "") out = out "." p[2]
    print out
  }'
}

# ratio KAPIJA POUCHDB lower|higher WORD: how many times better Kapija is.
ratio () {
  awk -v k="$1" -v p="$2" -v dir="$3" -v word="$4" 'BEGIN {
    if (k <= 0 || p <= 0) { print "n/a"; exit }
    r = (dir == "lower") ? p / k : k / p
    if (r >= 1)
      printf "%6.2f×  Kapija %.1f× %s\n", r, r, word
    else
      printf "%6.2f×  PouchDB %.1f× %s\n", r, 1 / r, word
  }'
}

docs_label=$(fmt_num "$docs")
rows=()
row () {
  rows+=("$1|$(fmt_num "$2")|$(fmt_num "$3")|$(ratio "$2" "$3" "$4" "$5")")
}
row "1. single save p50 (µs)" "${kap[put_p50_us]}" "${pouch[put_p50_us]}" lower faster
row "1. single save p99 (µs)" "${kap[put_p99_us]}" "${pouch[put_p99_us]}" lower faster
row "2. import $docs_label docs (docs/s)" "${kap[import_docs_per_s]}" "${pouch[import_docs_per_s]}" higher faster
row "2. import $docs_label docs (s)" "${kap[import_s]}" "${pouch[import_s]}" lower faster
row "3. changes feed $docs_label (s)" "${kap[changes_s]}" "${pouch[changes_s]}" lower faster
row "4. open + count, median of $opens (ms)" "${kap[open_median_ms]}" "${pouch[open_median_ms]}" lower faster
row "5. bytes on disk per doc" "${kap[bytes_per_doc]}" "${pouch[bytes_per_doc]}" lower smaller
extra=()
extra+=("1s. single save p50, LevelDB sync:true (µs)|$(fmt_num "${kap[put_p50_us]}")|$(fmt_num "${pouch[put_sync_p50_us]}")|$(ratio "${kap[put_p50_us]}" "${pouch[put_sync_p50_us]}" lower faster)")
extra+=("1s. single save p99, LevelDB sync:true (µs)|$(fmt_num "${kap[put_p99_us]}")|$(fmt_num "${pouch[put_sync_p99_us]}")|$(ratio "${kap[put_p99_us]}" "${pouch[put_sync_p99_us]}" lower faster)")
extra+=("4p. open + count, whole process (ms)|$(fmt_num "${kap[proc_median_ms]}")|$(fmt_num "${pouch[proc_median_ms]}")|$(ratio "${kap[proc_median_ms]}" "${pouch[proc_median_ms]}" lower faster)")

fs_type=$(df -PT "$workdir" | awk 'NR == 2 { print $2 }')
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)

print_table () {
  local line
  printf '%-46s  %14s  %20s  %s\n' "measurement" "Kapija" "PouchDB 9 (LevelDB)" "ratio"
  printf '%-46s  %14s  %20s  %s\n' "-----------" "------" "-------------------" "-----"
  for line in "$@"; do
    IFS='|' read -r m a b c <<<"$line"
    # printf pads by bytes; "µ" and "×" are two bytes, so pad by hand.
    printf '%s%*s  %14s  %20s  %s\n' "$m" $((46 - $(printf '%s' "$m" | wc -m))) "" "$a" "$b" "$c"
  done
}

report () {
  echo "Kapija store benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
  echo "Machine: $cpu, $(nproc) cores, $(uname -sr); work folder on $fs_type ($workdir)"
  echo "Load average: $load_start at the start, $load_end at the end (other work on the machine makes figures noisy)"
  echo "Kapija: SQLite ${kap[sqlite_version]}, WAL, synchronous=FULL, bench-store at $exe"
  echo "Baseline: PouchDB ${pouch[pouchdb_version]}, adapter ${pouch[adapter]} (leveldown ${pouch[leveldown_version]}), Node ${pouch[node_version]}"
  echo "Documents: $docs_label synthetic person/screening documents (seed $seed), canonical JSON of ${gen[bytes_min]}-${gen[bytes_max]} bytes, ${gen[bytes_avg]} on average; the same file for both sides"
  echo
  echo "Ratio: how many times better Kapija is than PouchDB (above 1×: Kapija better; below 1×: PouchDB better)."
  echo "Durability differs: every Kapija save is a committed transaction with synchronous=FULL (fsynced before"
  echo "kap_store_put returns). PouchDB writes each put/bulkDocs as one LevelDB batch without options, so LevelDB"
  echo "does not fsync: an acknowledged PouchDB save can be lost on power failure. PouchDB offers no per-write"
  echo "sync option, so rows 1-2 use PouchDB as applications get it; rows 1s show the cost of durable"
  echo "PouchDB saves via a leveldown wrapper that forces {sync: true} (not a PouchDB option). What an fsync"
  echo "costs depends on the disk; a virtual disk with a write cache makes it far cheaper than a laptop SSD."
  echo
  print_table "${rows[@]}"
  echo
  echo "For reference:"
  print_table "${extra[@]}"
  echo
  echo "Notes: 1. $puts creates of one document each, one transaction/await each; mean ${kap[put_mean_us]} vs ${pouch[put_mean_us]} µs."
  echo "2. batches of $batch (kap_store_import / bulkDocs); JSON parsing is not timed, closing is (Kapija ${kap[import_close_ms]} ms, PouchDB ${pouch[import_close_ms]} ms)."
  echo "3. kap_store_changes / db.changes({style:'all_docs'}) in pages of $page from 0; both read $(fmt_num "${kap[changes_entries]}") entries."
  echo "4. kap_store_open + kap_store_count(NULL) / new PouchDB + db.info(), timed inside a fresh process (warm page cache);"
  echo "   4p adds process start (Node + require('pouchdb') on one side, a C executable on the other)."
  echo "5. apparent file sizes after close: Kapija file + -wal + -shm (WAL left: ${kap[wal_bytes]} bytes) = $(fmt_num "${kap[bytes]}") bytes;"
  echo "   LevelDB folder = $(fmt_num "${pouch[bytes]}") bytes (no forced compaction). Kapija keeps the revision tree, sequence and indexes."
}

mkdir -p "$benchdir/results"
out=$benchdir/results/store-$(date -u +%Y%m%dT%H%M%SZ)-$docs.txt
report | tee "$out"
log "(also written to $out)"
