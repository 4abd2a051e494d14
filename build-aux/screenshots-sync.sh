#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots of the sync issue's pages in docs/screenshots/:
#   profiles.png    who is using this laptop (the profile chooser)
#   review.png      the supervisor's review list of finalized records
#   sync.png        the summary of a real sync run against PouchDB Server
#   conflicts.png   a clash, field by field, and a record the server refused
#   sync-banner.png the offer to sync when a network appears
# on a private Xvfb display with temporary folders and stores, using
# tests/ui/kap-sync-demo (synthetic people only) and the PouchDB Server of
# tests/server on loopback.
#
# Usage: build-aux/screenshots-sync.sh [BUILD_DIR]   (default: _build)
# Needs: Xvfb, xwininfo (x11-utils), ImageMagick, dbus, curl, node.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-$srcdir/_build}
outdir=$srcdir/docs/screenshots

if [ -z "${KAP_SCREENSHOTS_SESSION:-}" ]; then
  KAP_SCREENSHOTS_SESSION=1 exec dbus-run-session -- "$0" "$@"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$srcdir"
fi
ninja -C "$builddir" tests/ui/kap-sync-demo app/data/gschemas.compiled
builddir=$(cd "$builddir" && pwd)
demo=$builddir/tests/ui/kap-sync-demo

. "$srcdir/build-aux/screenshot-display.sh"
# Wide, so that the pointer (at the centre) is not over the window.
kap_screenshot_display 81 2200x1100x24 kapija-screenshots-sync
export GSETTINGS_SCHEMA_DIR="$builddir/app/data"

# The server of sync.png: a station database with a few records of
# another laptop, a supervisor account, then an admin.
port=$(( 20000 + $$ % 20000 ))
mkdir -p "$tmp/server"
(cd "$tmp/server" && exec "$srcdir/tests/server/node_modules/.bin/pouchdb-server" \
   --in-memory --host 127.0.0.1 --port "$port" -n >"$tmp/server.log" 2>&1) &
server_pid=$!
url=http://127.0.0.1:$port
tries=0
until curl -sf "$url/" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -gt 100 ]; then
    echo "PouchDB Server did not start" >&2
    cat "$tmp/server.log" >&2
    exit 1
  fi
  sleep 0.1
done

put ()
{
  curl -sf -X PUT -H 'Content-Type: application/json' -H 'Accept: application/json' \
    ${3:+-d "$3"} "$url$2" >/dev/null
}
put _ /kapija-st-rs-pre
put _ /_users/org.couchdb.user:milica.jovanovic \
  '{"name":"milica.jovanovic","password":"Lozinka-Demo-5","roles":["station:RS-PRE","kapija_supervisor"],"type":"user"}'
put _ /kapija-st-rs-pre/_security \
  '{"admins":{"names":[],"roles":[]},"members":{"names":[],"roles":["station:RS-PRE"]}}'
n=0
for name in 'Dragana Ilić' 'Бојан Николић' 'سارة خليل'; do
  n=$((n + 1))
  put _ "/kapija-st-rs-pre/person:0193f0a0-0000-7000-8000-00000000000$n" \
    "{\"type\":\"person\",\"form\":\"person@1\",\"status\":\"final\",\"station\":\"RS-PRE\",\"name_stated\":\"$name\",\"created_by\":\"OFF-021\",\"updated_by\":\"OFF-021\",\"created_at\":\"2026-11-26T08:00:00Z\",\"updated_at\":\"2026-11-26T08:00:00Z\"}"
done
put _ /_config/admins/admin '"Admin-Demo-9"'

# shoot NAME STATE [ARGS…]: runs the demo in STATE and writes $outdir/NAME.png.
shoot ()
{
  name=$1
  shift

  rm -f "$tmp/$name.db"
  "$demo" "$tmp/$name.db" "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" &
  app_pid=$!

  tries=0
  until grep -q ready "$tmp/$name.out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 900 ] || ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The demo did not get ready for $name" >&2
      cat "$tmp/$name.log" >&2
      exit 1
    fi
    sleep 0.1
  done

  window=
  for id in $(xwininfo -display "$DISPLAY" -root -tree 2>/dev/null | awk '/"Kapija":/ { print $1 }'); do
    if xwininfo -display "$DISPLAY" -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      window=$id
    fi
  done
  if [ -z "$window" ]; then
    echo "No Kapija window for $name" >&2
    exit 1
  fi

  # Let the last frames (scrolling, the status line) settle.
  sleep 2

  import -display "$DISPLAY" -window "$window" "$tmp/$name-raw.png"
  /usr/bin/convert "$tmp/$name-raw.png" -shave 4x4 +repage -strip "$outdir/$name.png"

  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=

  echo "Wrote $outdir/$name.png ($(/usr/bin/identify -format '%wx%h' "$outdir/$name.png"))"
}

mkdir -p "$outdir"

export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
shoot profiles profiles
shoot review review
shoot conflicts conflicts
shoot sync-banner records
shoot sync sync "$url" milica.jovanovic Lozinka-Demo-5
