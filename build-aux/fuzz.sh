#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz in their own build dir (clang,
# ASan, UBSan) and runs each on its seed corpus. See --help.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KAPIJA_FUZZ_BUILD_DIR:-$here/_build-fuzz}"

all_targets=(
  expr form json name-key merge server-csv import
  couch-changes couch-bulk-get couch-open-revs couch-revs-diff couch-bulk-docs couch-checkpoint
)
ci_seconds=20

usage() {
  cat <<EOF
Usage: build-aux/fuzz.sh --ci | --minutes N [TARGET…]

  --ci         run each target for ${ci_seconds} s on its corpus (what CI does)
  --minutes N  a long run: N minutes for EACH target, one after the other
               (all ${#all_targets[@]} targets: ${#all_targets[@]} × N minutes in total)

Targets (default: all): ${all_targets[*]}

The build dir is \$KAPIJA_FUZZ_BUILD_DIR or _build-fuzz. New inputs a run
finds go to BUILD/fuzz-corpus/TARGET, crashing ones to
BUILD/fuzz-artifacts/TARGET/; the seed corpus in tests/fuzz/corpus is only
read. Prints each target's executions and whether it crashed, then a total;
exits non-zero on any crash, leak, timeout or out-of-memory.
EOF
}

seconds=
targets=()
while (( $# )); do
  case "$1" in
    --ci) seconds=$ci_seconds ;;
    --minutes)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: --minutes needs a whole number of minutes" >&2; exit 2; }
      seconds=$(( $2 * 60 )); shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *)
      [[ " ${all_targets[*]} " == *" $1 "* ]] || { echo "fuzz.sh: no target “$1”" >&2; exit 2; }
      targets+=("$1") ;;
  esac
  shift
done
[[ -n "$seconds" ]] || { usage >&2; exit 2; }
(( ${#targets[@]} )) || targets=("${all_targets[@]}")

"$here/build-aux/install-deps.sh" --fuzz

if [[ ! -f "$build/build.ninja" ]]; then
  CC=clang meson setup "$build" "$here" -Dfuzzing=true -Db_lundef=false --werror
fi
ninja -C "$build" fuzz-targets

# Which dictionary helps which target.
dictionary() {
  case "$1" in
    expr) echo "$here/tests/fuzz/expr.dict" ;;
    name-key|server-csv) ;;
    *) echo "$here/tests/fuzz/json.dict" ;;
  esac
}

# GSlice would hide a use after free; leaks count as failures; UBSan stops
# at its first report (the build has -fno-sanitize-recover too).
export G_SLICE=always-malloc
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if [[ -z "${ASAN_SYMBOLIZER_PATH:-}" ]] && ! command -v llvm-symbolizer >/dev/null; then
  symbolizer="$(command -v llvm-symbolizer-14 || true)"
  [[ -n "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
fi

status=0
total=0
printf '%-18s %14s  %s\n' target executions result
for target in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$target"
  artifacts="$build/fuzz-artifacts/$target"
  log="$build/fuzz-logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"

  args=(
    -max_total_time="$seconds" -print_final_stats=1
    -timeout=10 -rss_limit_mb=2048
    -artifact_prefix="$artifacts/"
  )
  dict="$(dictionary "$target")"
  [[ -n "$dict" ]] && args+=(-dict="$dict")

  # The first corpus folder is where libFuzzer writes what it finds; the
  # seeds in the tree are only read.
  rc=0
  (cd "$build" && "$build/tests/fuzz/fuzz-$target" "${args[@]}" \
      "$corpus" "$here/tests/fuzz/corpus/$target") >"$log" 2>&1 || rc=$?

  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  if [[ -z "$runs" ]]; then
    # A crash ends the run before the final stats: take the last status line.
    runs="$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)"
  fi
  runs="${runs:-0}"
  total=$(( total + runs ))

  if (( rc == 0 )); then
    result="no crash"
  else
    status=1
    result="FAILED (exit $rc; $log; inputs in $artifacts/)"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*ERROR: libFuzzer)' "$log" | head -n 3 | sed 's/^/    /' >&2 || true
  fi
  printf '%-18s %14d  %s\n' "$target" "$runs" "$result"
done
printf '%-18s %14d  %s\n' total "$total" "$( (( status == 0 )) && echo "no crash" || echo "FAILED")"

exit "$status"
