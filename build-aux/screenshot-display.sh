# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the screenshot scripts: a private Xvfb display and temporary
# folders, with GTK set up to look like GNOME's defaults.

# kap_screenshot_display FIRST_DISPLAY SCREEN NAME
#   Starts Xvfb on the first free display from FIRST_DISPLAY with SCREEN
#   (e.g. 1280x800x24), makes $tmp (removed on exit, with $app_pid,
#   $server_pid and the display stopped) and exports DISPLAY and the
#   XDG folders under $tmp.
kap_screenshot_display ()
{
  display=$1
  while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
  done

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$3.XXXXXX")
  xvfb_pid=
  app_pid=
  server_pid=
  trap kap_screenshot_cleanup EXIT
  trap 'exit 1' INT TERM

  Xvfb ":$display" -screen 0 "$2" -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
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
  export GTK_A11Y=none
  export NO_AT_BRIDGE=1
  export XDG_CONFIG_HOME="$tmp/config"
  export XDG_CACHE_HOME="$tmp/cache"
  export XDG_DATA_HOME="$tmp/data"

  # Look like GNOME's defaults rather than GTK's bare ones: only a close
  # button in the header bar, and GNOME's interface font when it is there.
  mkdir -p "$XDG_CONFIG_HOME/gtk-4.0"
  {
    printf '[Settings]\ngtk-decoration-layout=:close\n'
    if fc-list 2>/dev/null | grep -q 'Cantarell'; then
      printf 'gtk-font-name=Cantarell 11\n'
    fi
  } > "$XDG_CONFIG_HOME/gtk-4.0/settings.ini"
}

kap_screenshot_cleanup ()
{
  if [ -n "${app_pid:-}" ]; then kill "$app_pid" 2>/dev/null || true; fi
  if [ -n "${server_pid:-}" ]; then kill "$server_pid" 2>/dev/null || true; fi
  if [ -n "${xvfb_pid:-}" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
