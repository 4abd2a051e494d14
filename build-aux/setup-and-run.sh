#!/usr/bin/env bash
# Installs what is missing, builds Kapija and starts it on its embedded
# default: a local store in $XDG_DATA_HOME/kapija, no server needed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/_build"

"$here/build-aux/install-deps.sh"

[[ -f "$build/build.ninja" ]] || meson setup "$build" "$here"
ninja -C "$build"

# Run from the build tree: the compiled GSettings schema sits beside it,
# and the message catalogues in its po/ folder (LANGUAGE=sq ./… shows the
# app in Albanian before it is installed).
export GSETTINGS_SCHEMA_DIR="$build/app/data"
export KAPIJA_LOCALEDIR="$build/po"
exec "$build/app/kapija" "$@"
