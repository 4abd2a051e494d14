#!/usr/bin/env bash
# Installs what building, running and testing Kapija needs on Debian 12:
# the Debian packages, (with --tests) the pinned PouchDB Server test peer
# from npm, and (with --fuzz) clang with libFuzzer for build-aux/fuzz.sh.
# Safe to run again: it installs only what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

build_packages=(
  build-essential pkg-config ca-certificates meson ninja-build gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsqlite3-dev libicu-dev iso-codes libgtk-4-bin glib-networking
  desktop-file-utils appstream
  fonts-dejavu-core fonts-cantarell
)
# libxtst-dev: the widget tests click for real through XTEST.
test_packages=(
  xvfb xauth dbus libgl1-mesa-dri sqlite3 curl nodejs npm libxtst-dev
  at-spi2-core gir1.2-atspi-2.0 python3-gi
)

# libFuzzer and the sanitizer runtimes are in libclang-rt-14-dev, which
# clang only recommends; llvm gives ASan's symbolizer.
fuzz_packages=(
  clang libclang-rt-14-dev llvm
)

want_tests=0
want_fuzz=0
for arg in "$@"; do
  case "$arg" in
    --tests) want_tests=1 ;;
    --fuzz) want_fuzz=1 ;;
    *) echo "install-deps.sh: unknown option $arg (--tests, --fuzz)" >&2; exit 2 ;;
  esac
done

packages=("${build_packages[@]}")
(( want_tests )) && packages+=("${test_packages[@]}")
(( want_fuzz )) && packages+=("${fuzz_packages[@]}")

missing=()
for package in "${packages[@]}"; do
  # Node.js may come from elsewhere (the machine's own); accept it then.
  if [[ "$package" == nodejs ]] && command -v node >/dev/null; then continue; fi
  if [[ "$package" == npm ]] && command -v npm >/dev/null; then continue; fi
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if (( ${#missing[@]} )); then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  (( EUID == 0 )) || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if (( want_tests )); then
  server="$here/tests/server"
  # npm ci installs exactly what package-lock.json pins; --ignore-scripts
  # because the in-memory server needs no native module.
  if [[ ! -x "$server/node_modules/.bin/pouchdb-server" ]] ||
     [[ "$server/package-lock.json" -nt "$server/node_modules/.package-lock.json" ]]; then
    echo "Installing the PouchDB Server test peer (npm)"
    (cd "$server" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
fi
