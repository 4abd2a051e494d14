#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots in docs/screenshots/ (the metainfo links them):
#   main-empty.png    a laptop with no records yet
#   main-records.png  a laptop with a few records
# on a private Xvfb display, with temporary XDG folders and an in-memory
# settings backend, so nothing of the user's own records or settings is
# touched or shown.
#
# Usage: build-aux/screenshots.sh [BUILD_DIR]   (default: _build)
# Needs: Xvfb, xwininfo (x11-utils), ImageMagick, dbus (dbus-run-session).
# Cantarell (fonts-cantarell) is used when installed, as on GNOME.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/_build}
outdir=$srcdir/docs/screenshots

# GApplication wants a session bus; give it a private one for the whole run.
if [ -z "${KAP_SCREENSHOTS_SESSION:-}" ]; then
  KAP_SCREENSHOTS_SESSION=1 exec dbus-run-session -- "$0" "$@"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi
ninja -C "$builddir" app/kapija app/cli/kapija-cli app/data/gschemas.compiled
builddir=$(cd "$builddir" && pwd)

kapija=$builddir/app/kapija
kapija_cli=$builddir/app/cli/kapija-cli

# A display nobody uses: :77 unless taken.
display=77
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
  display=$((display + 1))
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kapija-screenshots.XXXXXX")
xvfb_pid=
app_pid=

cleanup ()
{
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!

tries=0
until xwininfo -root -display ":$display" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 50 ]; then
    echo "Xvfb did not start on :$display" >&2
    cat "$tmp/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
done

export DISPLAY=":$display"
export GDK_BACKEND=x11
export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$builddir/app/data"
export GTK_A11Y=none
export NO_AT_BRIDGE=1
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"
unset KAPIJA_STORE

# Look like GNOME's defaults rather than GTK's bare ones: only a close
# button in the header bar, and GNOME's interface font when it is there.
mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
{
  printf '[Settings]\ngtk-decoration-layout=:close\n'
  if fc-list 2>/dev/null | grep -q 'Cantarell'; then
    printf 'gtk-font-name=Cantarell 11\n'
  fi
} > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"

# shoot NAME: runs the app on the store in $XDG_DATA_HOME and writes
# $outdir/NAME.png, the window alone.
shoot ()
{
  name=$1

  "$kapija" >"$tmp/$name.log" 2>&1 &
  app_pid=$!

  tries=0
  window=
  while [ -z "$window" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The Kapija window did not appear for $name" >&2
      cat "$tmp/$name.log" >&2
      exit 1
    fi
    sleep 0.1
    # GTK also makes a hidden 1×1 leader window with the same name: take
    # the one that is on screen.
    for id in $(xwininfo -display "$DISPLAY" -root -tree 2>/dev/null | awk '/"Kapija":/ { print $1 }'); do
      if xwininfo -display "$DISPLAY" -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
        window=$id
      fi
    done
  done

  # Let the first frames (and the crossfade of the page) settle.
  sleep 1.5

  import -display "$DISPLAY" -window "$window" "$tmp/$name-raw.png"
  # Without a compositor GTK draws a 4 px resize frame around the window
  # (the "solid-csd" style) where a desktop would draw the shadow; shave it.
  /usr/bin/convert "$tmp/$name-raw.png" -shave 4x4 +repage -strip "$outdir/$name.png"

  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=

  echo "Wrote $outdir/$name.png ($(/usr/bin/identify -format '%wx%h' "$outdir/$name.png"))"
}

mkdir -p "$outdir"

# (a) A fresh laptop: the app creates an empty store on first start.
export XDG_DATA_HOME="$tmp/empty"
shoot main-empty

# (b) A laptop with records captured in the field (synthetic people).
export XDG_DATA_HOME="$tmp/records"
store="$XDG_DATA_HOME/kapija/kapija.db"
"$kapija_cli" init --store "$store" >/dev/null
"$kapija_cli" import --store "$store" >/dev/null <<'JSON'
{"type": "person", "name": "Arben Krasniqi", "sex": "M", "year_of_birth": 1991, "nationality": "XK", "station": "ME-BOZ", "status": "final"}
{"type": "person", "name": "Милица Јовановић", "sex": "F", "year_of_birth": 1987, "nationality": "RS", "station": "ME-BOZ", "status": "final"}
{"type": "person", "name": "أحمد الحسن", "sex": "M", "year_of_birth": 2008, "nationality": "SY", "station": "ME-BOZ", "status": "draft"}
{"type": "person", "name": "Ayşe Yılmaz", "sex": "F", "year_of_birth": 1979, "nationality": "TR", "station": "ME-BOZ", "status": "final"}
{"type": "screening", "form": "screening@1", "station": "ME-BOZ", "status": "final"}
{"type": "screening", "form": "screening@1", "station": "ME-BOZ", "status": "draft"}
{"type": "referral", "station": "ME-BOZ", "status": "final"}
JSON
shoot main-records
