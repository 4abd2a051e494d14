#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Takes the screenshots in docs/screenshots/ (the metainfo links them):
#   main-empty.png     a laptop with no records yet
#   main-list.png      the records list with a person selected
#   person-page.png    a person's page on a narrow window (the list folded away)
#   duplicates.png     the duplicate check before a new person is registered
#   main-list-rtl.png  main-list.png in Arabic, laid out right to left
#   referral-from-screening.png  a screening's suggested referrals, one referred
#   referral-form.png  a referral from a suggestion: pre-filled, consent given
# on a private Xvfb display, with temporary XDG folders and an in-memory
# settings backend, so nothing of the user's own records or settings is
# touched or shown. Every person in them is synthetic.
#
# The app is driven with the keyboard only (xdotool), as an officer would:
# Ctrl+F and a name in another script, Enter, Escape; Ctrl+N for the
# duplicate check.
#
# Usage: build-aux/screenshots.sh [BUILD_DIR]   (default: _build)
# Needs: Xvfb, xwininfo (x11-utils), xdotool, ImageMagick, dbus
# (dbus-run-session), localedef (libc-bin) and the glibc locale sources
# (for the Arabic run). Cantarell (fonts-cantarell) is used when
# installed, as on GNOME.

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

. "$srcdir/build-aux/screenshot-display.sh"
kap_screenshot_display 77 1280x800x24 kapija-screenshots
export GSETTINGS_SCHEMA_DIR="$builddir/app/data"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE=
unset KAPIJA_STORE

# find_window TITLE: the id of the mapped X window called TITLE, or nothing.
find_window ()
{
  # GTK also makes a hidden 1×1 leader window with the same name: take
  # the one that is on screen.
  for id in $(xwininfo -display "$DISPLAY" -root -tree 2>/dev/null | awk -v t="\"$1\":" 'index($0, t) { print $1 }'); do
    if xwininfo -display "$DISPLAY" -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      echo "$id"
      return
    fi
  done
}

# wait_window TITLE: waits until that window is on screen and prints its id.
wait_window ()
{
  tries=0
  window=
  while [ -z "$window" ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$app_pid" 2>/dev/null; then
      echo "The window “$1” did not appear" >&2
      cat "$tmp/app.log" >&2
      exit 1
    fi
    sleep 0.1
    window=$(find_window "$1")
  done
  echo "$window"
}

# start: runs the app on the store in $XDG_DATA_HOME; sets $window.
start ()
{
  "$kapija" >"$tmp/app.log" 2>&1 &
  app_pid=$!
  window=$(wait_window Kapija)
  # Without a window manager nobody gives the window the keyboard focus.
  xdotool windowfocus --sync "$window"
  # Let the first frames (and the crossfade of the page) settle.
  sleep 2
}

# sign_in: picks the first profile of the chooser (the officer using the
# laptop), as the keyboard does.
sign_in ()
{
  keys Return
  sleep 1
}

stop ()
{
  kill "$app_pid"
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# shoot NAME WINDOW: writes $outdir/NAME.png, that window alone.
shoot ()
{
  sleep 1
  import -display "$DISPLAY" -window "$2" "$tmp/$1-raw.png"
  # Without a compositor GTK draws a 4 px resize frame around the window
  # (the "solid-csd" style) where a desktop would draw the shadow; shave it.
  /usr/bin/convert "$tmp/$1-raw.png" -shave 4x4 +repage -strip "$outdir/$1.png"
  echo "Wrote $outdir/$1.png ($(/usr/bin/identify -format '%wx%h' "$outdir/$1.png"))"
}

keys ()
{
  xdotool key --clearmodifiers --delay 60 "$@"
  sleep 0.4
}

type_text ()
{
  xdotool type --clearmodifiers --delay 40 "$1"
  sleep 0.4
}

# When something happened N minutes ago, in the form records keep.
ago ()
{
  date -u -d "-$1 minutes" '+%Y-%m-%dT%H:%M:%SZ'
}

# write_records FILE: about 30 synthetic records. Persons in Latin,
# Cyrillic and Arabic script; screenings with every priority; return
# interests at several stages; referrals and interpreter sessions.
write_records ()
{
  station=ME-BOZ
  n=0
  person ()
  {
    # person ID NAME ORIGINAL SEX DOB AGE NATIONALITY LANGUAGES MINUTES_AGO
    n=$((n + 1))
    original=
    if [ -n "$3" ]; then original=", \"name_original\": \"$3\""; fi
    printf '{"_id": "person:0190a000-0000-7000-8000-%012d", "type": "person", "form": "person@1", "status": "final", "station": "%s", "device": "screenshots", "created_by": "MB-014", "updated_by": "MB-014", "created_at": "%s", "updated_at": "%s", "name_stated": "%s"%s, "sex": "%s", "dob_known": true, "date_of_birth": "%s", "age_years": %s, "age_source": "document", "nationality": "%s", "languages": %s}\n' \
      "$1" "$station" "$(ago "$9")" "$(ago "$9")" "$2" "$original" "$4" "$5" "$6" "$7" "$8"
  }
  record ()
  {
    # record TYPE N PERSON MINUTES_AGO STATUS EXTRA_JSON
    printf '{"_id": "%s:0190a000-0000-7000-9000-%012d", "type": "%s", "form": "%s@1", "status": "%s", "station": "%s", "device": "screenshots", "created_by": "MB-014", "updated_by": "MB-014", "created_at": "%s", "updated_at": "%s", "person_id": "person:0190a000-0000-7000-8000-%012d"%s}\n' \
      "$1" "$2" "$1" "$1" "$5" "$station" "$(ago "$4")" "$(ago "$4")" "$3" "$6"
  }

  {
    person 1 "Milica Jovanović" "Милица Јовановић" F 1987-04-12 38 SRB '["srp"]' 400
    person 2 "Arben Krasniqi" "" M 1991-09-03 34 XKX '["sqi", "srp"]' 380
    person 3 "Ahmed Al-Hassan" "أحمد الحسن" M 2009-01-20 16 SYR '["ara"]' 3000
    person 4 "Ayşe Yılmaz" "" F 1979-06-30 46 TUR '["tur"]' 2900
    person 5 "Fatima Rahimi" "فاطمة رحيمي" F 1995-11-02 30 AFG '["prs", "pus"]' 2800
    person 6 "Dragan Petrović" "Драган Петровић" M 1968-02-14 57 SRB '["srp"]' 2700
    person 7 "Omar Haddad" "عمر حداد" M 2001-07-19 24 IRQ '["ara", "kur"]' 1500
    person 8 "Yusuf Karimi" "يوسف كريمي" M 2010-03-08 15 AFG '["prs"]' 1400
    person 9 "Elira Hoxha" "" F 1999-12-24 25 ALB '["sqi"]' 1300
    person 10 "Марко Николовски" "" M 1985-05-05 40 MKD '["mkd"]' 200
    record screening 1 1 20 final ', "priority": "P1", "vuln_cat": ["GBV", "WAR"], "age_years": 38, "sex": "F"'
    record screening 2 3 2950 final ', "priority": "P1", "vuln_cat": ["UAC"], "age_years": 16, "sex": "M"'
    record screening 3 4 2850 final ', "priority": "P3", "vuln_cat": [], "age_years": 46, "sex": "F"'
    record screening 4 5 2750 final ', "priority": "P2", "vuln_cat": ["PRG", "SPC"], "age_years": 30, "sex": "F"'
    record screening 5 6 2650 final ', "priority": "P2", "vuln_cat": ["SMC", "OLD"], "age_years": 57, "sex": "M"'
    record screening 6 7 1450 final ', "priority": "P3", "vuln_cat": [], "age_years": 24, "sex": "M"'
    record screening 7 8 1350 final ', "priority": "P1", "vuln_cat": ["UAC", "THB"], "age_years": 15, "sex": "M"'
    record screening 8 9 1250 draft ', "age_years": 25, "sex": "F"'
    record screening 9 2 90 final ', "priority": "P3", "vuln_cat": [], "age_years": 34, "sex": "M"'
    record screening 10 10 150 draft ', "age_years": 40, "sex": "M"'
    record return_interest 11 1 12 draft ', "stage": "COUNSELLING"'
    record return_interest 12 6 2600 final ', "stage": "DOCS"'
    record return_interest 13 2 60 final ', "stage": "BOOKED"'
    record return_interest 14 4 2500 final ', "stage": "EOI"'
    record return_interest 15 9 1200 final ', "stage": "WITHDRAWN"'
    record referral 16 1 18 final ', "service": "GBV", "urgency": "immediate", "consent_gbv": true'
    record referral 17 3 2940 final ', "service": "CPG", "urgency": "immediate", "consent_cpg": true'
    record interpreter_session 18 1 25 final ', "language": "srp", "mode": "in_person", "minutes": 40'
    record interpreter_session 19 5 2760 final ', "language": "prs", "mode": "phone", "minutes": 55'
    record interpreter_session 20 7 1460 final ', "language": "ara", "mode": "video", "minutes": 35'
  } > "$1"
}

mkdir -p "$outdir"

# (a) A fresh laptop: the app creates an empty store on first start.
export XDG_DATA_HOME="$tmp/empty"
start
shoot main-empty "$window"
stop

# (b) A laptop with records captured in the field (synthetic people).
export XDG_DATA_HOME="$tmp/records"
store="$XDG_DATA_HOME/kapija/kapija.db"
write_records "$tmp/records.jsonl"
"$kapija_cli" init --store "$store" >/dev/null
"$kapija_cli" import --store "$store" "$tmp/records.jsonl" >/dev/null
"$kapija_cli" profile --store "$store" MB-014 "Milena Bošković" --supervisor >/dev/null

# select_milica: finds the person by name (lower case, no marks: the
# Cyrillic and Latin spellings match too), Enter opens her page, then
# Ctrl+F and Escape clear the search so that the whole list shows again.
# (xdotool drops characters outside the keyboard map, so the search is
# typed in Latin letters; the ui tests search in Cyrillic.)
select_milica ()
{
  keys ctrl+f
  type_text "milica"
  keys Return
  keys ctrl+f
  keys Escape
}

start
sign_in
select_milica
shoot main-list "$window"

# The same person on a narrow window: the list folds away behind a back
# button and the person page has the whole width.
xdotool windowsize --sync "$window" 560 760
sleep 0.5
keys ctrl+f
type_text "milica"
keys Return
shoot person-page "$window"
keys ctrl+f
keys Escape
xdotool windowsize --sync "$window" 1100 720
sleep 0.5

# The duplicate check: registering “Milica Jovanovic” (no marks, born the
# same day) finds the person registered in Cyrillic and Latin script. The
# arrows move between the rows of the form, Space turns the switch on,
# Enter checks.
keys ctrl+n
dialog=$(wait_window "Register Person")
xdotool windowfocus --sync "$dialog"
sleep 0.5
type_text "Milica Jovanovic"
keys Down Down space
keys Down
type_text "1987-04-12"
keys Return
shoot duplicates "$dialog"
stop

# (c) Referrals from a screening: a 15-year-old travelling alone, screened
# three days ago (P1, as the form calculates it), already referred to
# child protection. The officer opens the screening, scrolls to its
# suggestions and refers him to legal aid: the referral opens pre-filled
# and asks his consent for legal aid; he agrees, and two kinds of data are
# shared. Mouse clicks at the places of a 1100×720 window.
export XDG_DATA_HOME="$tmp/referral"
store="$XDG_DATA_HOME/kapija/kapija.db"
sent=$(date -u -d '-3 days' '+%Y-%m-%d')
yusuf=person:0190a000-0000-7000-8000-000000000108
screening=screening:0190a000-0000-7000-9000-000000000107
{
  printf '{"_id": "%s", "type": "person", "form": "person@1", "status": "final", "station": "ME-BOZ", "device": "screenshots", "created_by": "MB-014", "updated_by": "MB-014", "created_at": "%s", "updated_at": "%s", "name_stated": "Yusuf Karimi", "name_original": "یوسف کریمی", "sex": "M", "dob_known": false, "age_estimated": 15, "age_years": 15, "age_source": "stated", "nationality": "AFG", "languages": ["prs"]}\n' \
    "$yusuf" "$(ago 4400)" "$(ago 4400)"
  printf '{"_id": "%s", "type": "screening", "form": "screening@1", "status": "final", "station": "ME-BOZ", "device": "screenshots", "created_by": "MB-014", "updated_by": "MB-014", "created_at": "%s", "updated_at": "%s", "person_id": "%s", "interpreter_used": false, "interview_language": "prs", "interviewer_gender": "M", "consent_given": true, "consent_giver": "self", "consent_scope": ["screening", "referral"], "age_years": 15, "age_source": "stated", "sex": "M", "travelling_with": "alone", "asylum_intention": true, "no_documents": true, "child_in_school": false, "child_working": false, "immediate_medical_need": false, "sleep_problems": false, "vuln_cat": ["UAC", "CAR", "LEG"], "priority": "P1", "vst_rating": "H", "suggested_services": ["CPG", "LEG", "SHL", "FTR", "ASY"], "rescreen_date": "%s"}\n' \
    "$screening" "$(ago 4380)" "$(ago 4360)" "$yusuf" "$(date -u -d '+87 days' '+%Y-%m-%d')"
  printf '{"_id": "referral:0190a000-0000-7000-9000-000000000121", "type": "referral", "form": "referral@1", "status": "final", "station": "ME-BOZ", "device": "screenshots", "created_by": "MB-014", "updated_by": "MB-014", "created_at": "%s", "updated_at": "%s", "person_id": "%s", "screening_id": "%s", "service": "CPG", "provider": "Centar za socijalni rad Bar", "urgency": "immediate", "consent_cpg": true, "fields_shared": ["identity", "category"], "sent_date": "%s", "case_step": "identification", "outcome": "pending"}\n' \
    "$(ago 4350)" "$(ago 4340)" "$yusuf" "$screening" "$sent"
} > "$tmp/referral.jsonl"
"$kapija_cli" init --store "$store" >/dev/null
"$kapija_cli" import --store "$store" "$tmp/referral.jsonl" >/dev/null
"$kapija_cli" profile --store "$store" MB-014 "Milena Bošković" --supervisor >/dev/null

click ()
{
  xdotool mousemove --window "$window" "$1" "$2" click 1
  sleep 1
}

start
sign_in
keys ctrl+f
type_text "yusuf"
keys Return
# The list shows his referral, screening and person, newest first.
click 200 180
xdotool mousemove --window "$window" 750 400
xdotool click --repeat 60 --delay 20 5
shoot referral-from-screening "$window"
# Refer… on legal aid, the second suggestion.
click 1012 499
click 973 363
click 465 473
click 465 583
shoot referral-form "$window"
stop

# (d) The same list in Arabic: right to left. glibc only reads Arabic
# messages in an Arabic locale, so build one in the temporary folder.
export LOCPATH="$tmp/locale"
mkdir -p "$LOCPATH"
localedef -i ar_EG -f UTF-8 "$LOCPATH/ar_EG.UTF-8" 2>/dev/null || true
export LANG=ar_EG.UTF-8 LC_ALL=ar_EG.UTF-8 LANGUAGE=ar
start
sign_in
select_milica
shoot main-list-rtl "$window"
stop

