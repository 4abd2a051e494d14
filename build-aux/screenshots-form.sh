#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots of the record editor in docs/screenshots/:
#   form-screening.png      a screening partly filled, with live badges
#   form-avr.png            a final AVR interest with its stage badge and
#                           two family members linked to their records
#   form-avr-stage.png      the same with its “Update Stage” dialog open
#   form-validation.png     “Finalize” with answers missing
#   form-screening-rtl.png  the screening in Arabic, right to left
#   form-language.png       a screening in a Serbian session with the consent
#                           switched to Arabic in the Form Language menu
# on a private Xvfb display with temporary folders and stores, using
# tests/ui/kap-form-demo (synthetic people only).
#
# Usage: build-aux/screenshots-form.sh [BUILD_DIR]   (default: _build)
# Needs: Xvfb, xwininfo (x11-utils), xdotool, ImageMagick, dbus (dbus-run-session).

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
ninja -C "$builddir" tests/ui/kap-form-demo kapija-gmo
builddir=$(cd "$builddir" && pwd)
demo=$builddir/tests/ui/kap-form-demo

. "$srcdir/build-aux/screenshot-display.sh"
# Wide, so that the pointer (at the centre) is not over the window.
kap_screenshot_display 78 2200x1100x24 kapija-screenshots-form

# shoot NAME STATE [DIALOG]: runs the demo in STATE and writes
# $outdir/NAME.png; with DIALOG, the title of a dialog the demo opened,
# which is centred on the window as a window manager would (Xvfb has none).
shoot ()
{
  name=$1
  state=$2
  dialog=${3:-}

  rm -f "$tmp/$name.db"
  "$demo" "$tmp/$name.db" "$state" >"$tmp/$name.out" 2>"$tmp/$name.log" &
  app_pid=$!

  tries=0
  until grep -q ready "$tmp/$name.out" 2>/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ] || ! kill -0 "$app_pid" 2>/dev/null; then
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

  if [ -n "$dialog" ]; then
    dialog_id=
    for id in $(xwininfo -display "$DISPLAY" -root -tree 2>/dev/null | awk -v t="\"$dialog\":" '$0 ~ t { print $1 }'); do
      if xwininfo -display "$DISPLAY" -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
        dialog_id=$id
      fi
    done
    if [ -z "$dialog_id" ]; then
      echo "No “$dialog” dialog for $name" >&2
      exit 1
    fi
    eval "$(xdotool getwindowgeometry --shell "$window" | sed 's/^/main_/')"
    eval "$(xdotool getwindowgeometry --shell "$dialog_id" | sed 's/^/dialog_/')"
    xdotool windowmove "$dialog_id" \
      $((main_X + (main_WIDTH - dialog_WIDTH) / 2)) $((main_Y + (main_HEIGHT - dialog_HEIGHT) / 3))
  fi

  # Let the last frames (scrolling, the status line) settle.
  sleep 1

  if [ -n "$dialog" ]; then
    # From the screen, so that the dialog over the window is in the picture.
    import -display "$DISPLAY" -window root \
      -crop "${main_WIDTH}x${main_HEIGHT}+${main_X}+${main_Y}" +repage "$tmp/$name-raw.png"
  else
    import -display "$DISPLAY" -window "$window" "$tmp/$name-raw.png"
  fi
  /usr/bin/convert "$tmp/$name-raw.png" -shave 4x4 +repage -strip "$outdir/$name.png"

  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=

  echo "Wrote $outdir/$name.png ($(/usr/bin/identify -format '%wx%h' "$outdir/$name.png"))"
}

mkdir -p "$outdir"

export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
shoot form-screening screening
shoot form-avr avr
shoot form-avr-stage avr-stage "Update Stage"
shoot form-validation validation

# A Serbian officer shows the person the consent in Arabic, with the
# app's own screens in Serbian from the build's catalogues.
export LANGUAGE=sr KAPIJA_LOCALEDIR="$builddir/po"
shoot form-language consent-ar
unset KAPIJA_LOCALEDIR

# Arabic: GTK takes the direction from its own translation, and the
# country and language names come from iso-codes' Arabic catalogues.
# The top of the form: the interview language shows its Arabic name.
export LANGUAGE=ar
shoot form-screening-rtl screening-top
