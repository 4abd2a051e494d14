#!/usr/bin/env bash
# Runs a command on a private Xvfb display of its own (build-aux/setup-and-test.sh
# wraps every test in it, plain and sanitized). Tests that share one display talk to each other
# through the X selections: one test's entry owns PRIMARY, the GTK of
# another asks it for its targets, and GDK's X11 clipboard code leaks the
# streams of that exchange. With one server per test that never happens,
# and no test depends on what another left on the screen.
set -euo pipefail

scratch="$(mktemp -d)"
mkfifo "$scratch/displayfd"
# -displayfd: the server picks a free display itself and writes its
# number once it accepts clients: no race for a number, nothing to poll.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$scratch/displayfd" 2>"$scratch/log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$scratch"' EXIT

if ! read -r number <"$scratch/displayfd"; then
  echo "own-display.sh: Xvfb did not start:" >&2
  cat "$scratch/log" >&2
  exit 1
fi
export DISPLAY=":$number"

status=0
"$@" || status=$?
exit "$status"
