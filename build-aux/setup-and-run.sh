#!/usr/bin/env bash
# Installs what is missing, builds Kapija and starts it on its embedded
# default: a local store in $XDG_DATA_HOME/kapija, no server needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/_build"

"$here/build-aux/install-deps.sh"

[[ -f "$build/build.ninja" ]] || meson setup "$build" "$here"
ninja -C "$build"

# Run from the build tree: the compiled GSettings schema sits beside it.
export GSETTINGS_SCHEMA_DIR="$build/app/data"
exec "$build/app/kapija" "$@"
