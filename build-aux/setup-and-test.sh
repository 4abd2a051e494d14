#!/usr/bin/env bash
# Installs what is missing (Debian packages and the pinned PouchDB Server
# test peer), builds Kapija with warnings as errors and runs every test:
# core, sync, cli, integration (against PouchDB Server on 127.0.0.1),
# data files, and the widget tests under Xvfb. The widget tests fail, not
# skip, when there is no display.
#
# --sanitize builds apart (_build-sanitize) with AddressSanitizer, its
# LeakSanitizer and UndefinedBehaviorSanitizer, and runs the same tests:
# any finding, a leak included, fails the test it happens in.
# Further arguments go to meson test (suite or test names).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

sanitize=0
if [[ "${1:-}" == "--sanitize" ]]; then
  sanitize=1
  shift
fi

options=(-Dwerror=true)
test_options=()
if (( sanitize )); then
  build="${KAPIJA_BUILD_DIR:-$here/_build-sanitize}"
  # b_lundef=false: the sanitizer runtimes are linked into the executables,
  # not into the static libraries of each layer.
  options+=(-Db_sanitize=address,undefined -Db_lundef=false)
else
  build="${KAPIJA_BUILD_DIR:-$here/_build-test}"
fi

"$here/build-aux/install-deps.sh" --tests

if [[ ! -f "$build/build.ninja" ]]; then
  meson setup "$build" "$here" "${options[@]}"
else
  meson configure "$build" "${options[@]}"
fi
ninja -C "$build"

# Every test gets a private Xvfb of its own (tests/sanitizers/own-display.sh):
# widget tests that share one display take each other's focus (a popover
# of one closes when another test's window is presented) and pointer (an
# XTEST click lands in whichever window is on top), and talk through the
# X selections.
test_options+=(--wrapper "$here/tests/sanitizers/own-display.sh")
# meson names the log after the wrapper.
log="$build/meson-logs/testlog-own-display.sh.json"
if (( sanitize )); then
  # shellcheck source=build-aux/sanitizer-env.sh
  source "$here/build-aux/sanitizer-env.sh"
  # Instrumented code runs several times slower; the timeouts in the
  # meson files are for the plain build.
  test_options+=(--timeout-multiplier 4)
fi
# A log left by an earlier run must not be counted as this one.
rm -f "$log"

# Keep the tests away from the user's own files and settings.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config"
export XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/runtime"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

status=0
dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --num-processes 2 "${test_options[@]}" "$@" ||
  status=$?

# One closing line in the plain form CI reads: "N passed, N failed". A
# skipped test is not a pass: it fails the run.
python3 - "$log" <<'PY' || status=1
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1]):
    result = json.loads(line).get("result")
    if result in ("OK", "EXPECTEDFAIL"):
        passed += 1
    elif result == "SKIP":
        skipped += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if skipped else 0)
PY

exit "$status"
