#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the translations in po/ in step with the source:
#   1. regenerates po/kapija.pot from the files listed in po/POTFILES.in,
#      with the same xgettext options as meson's i18n 'glib' preset, so
#      `meson compile kapija-pot` writes the same template;
#   2. merges it into every catalogue in po/LINGUAS with msgmerge, which
#      keeps the existing translations and marks changed strings fuzzy;
#   3. writes sr@latin.po from sr.po with po/sr-latin.py (never edit
#      sr@latin.po by hand: translate sr.po, then run this script);
#   4. prints, per language, how many messages are translated, fuzzy and
#      untranslated.
#
# After it, every new or changed string must be translated (and the fuzzy
# mark removed) in each po/LANG.po except sr@latin.po, then this script run
# once more to refresh sr@latin.po. Until then the `data` test suite fails:
# it runs this script with --check.
#
# Usage: build-aux/update-po.sh           update po/ in place
#        build-aux/update-po.sh --check   change nothing; fail when a
#            catalogue has errors, an untranslated or fuzzy message, misses
#            a string of the current source, or when sr@latin.po is not the
#            transliteration of sr.po
# Needs: xgettext, msgmerge, msgfmt (gettext), python3.

set -eu

srcdir=$(cd "$(dirname "$0")/.." && pwd)
po=$srcdir/po
package=kapija

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "Usage: $0 [--check]" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kapija-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The template. The keywords and flags are those of meson's 'glib' preset
# (mesonbuild/modules/i18n.py); xgettext reads .ui files with the
# GtkBuilder ITS rules that GTK installs, and keeps the translator comments.
# POT-Creation-Date is left to xgettext: msgmerge copies it into every
# catalogue, the only churn a run without new strings causes.
xgettext --package-name="$package" -f "$po/POTFILES.in" -D "$srcdir" -k_ \
  -o "$tmp/$package.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format \
  --flag=NC_:2:pass-c-format --flag=g_dngettext:2:pass-c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_set_error:4:c-format --flag=g_markup_printf_escaped:1:c-format \
  --flag=g_log:3:c-format --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format \
  --flag=g_snprintf:3:c-format

langs=$(sed -e 's/#.*//' "$po/LINGUAS")

if $check; then
  dest=$tmp
  for lang in $langs; do cp "$po/$lang.po" "$tmp/$lang.po"; done
else
  dest=$po
  cp "$tmp/$package.pot" "$po/$package.pot"
fi

for lang in $langs; do
  [ "$lang" = sr@latin ] && continue
  if [ ! -f "$dest/$lang.po" ]; then
    echo "po/$lang.po is missing (it is listed in po/LINGUAS)" >&2
    exit 1
  fi
  msgmerge --quiet --previous --update --backup=none \
    "$dest/$lang.po" "$tmp/$package.pot"
done

status=0
has_sr_latin=false
for lang in $langs; do
  [ "$lang" = sr@latin ] && has_sr_latin=true
done
if $has_sr_latin; then
  if $check; then
    # The files as they are in the tree: whether sr.po itself lacks
    # current strings shows in its own counts below.
    python3 "$po/sr-latin.py" "$po/sr.po" "$tmp/sr@latin.generated.po"
    if ! cmp -s "$tmp/sr@latin.generated.po" "$po/sr@latin.po"; then
      echo "po/sr@latin.po is not the transliteration of po/sr.po; run build-aux/update-po.sh" >&2
      diff -u "$po/sr@latin.po" "$tmp/sr@latin.generated.po" | head -20 >&2 || true
      status=1
    fi
  else
    python3 "$po/sr-latin.py" "$po/sr.po" "$po/sr@latin.po"
  fi
fi

# Counts. msgfmt prints e.g. "440 translated messages, 3 fuzzy
# translations, 2 untranslated messages." on stderr.
for lang in $langs; do
  file=$dest/$lang.po
  [ "$lang" = sr@latin ] && $check && file=$po/sr@latin.po
  if ! msgfmt --check --statistics -o "$tmp/$lang.mo" "$file" 2> "$tmp/stats"; then
    cat "$tmp/stats" >&2
    echo "po/$lang.po: msgfmt --check failed" >&2
    status=1
    continue
  fi
  stats=$(tail -n 1 "$tmp/stats")
  translated=$(echo "$stats" | sed -n 's/^\([0-9]*\) translated.*/\1/p')
  fuzzy=$(echo "$stats" | sed -n 's/.* \([0-9]*\) fuzzy.*/\1/p')
  untranslated=$(echo "$stats" | sed -n 's/.* \([0-9]*\) untranslated.*/\1/p')
  printf '%-9s %4s translated, %3s fuzzy, %3s untranslated\n' \
    "$lang" "${translated:-0}" "${fuzzy:-0}" "${untranslated:-0}"
  if [ "${fuzzy:-0}" -ne 0 ] || [ "${untranslated:-0}" -ne 0 ]; then
    status=1
  fi
done

if [ "$status" -ne 0 ]; then
  if $check; then
    echo "Translations are incomplete or out of date: run build-aux/update-po.sh, translate the new and fuzzy messages in po/*.po (not sr@latin.po), then run it again." >&2
  else
    echo "Now translate the untranslated and fuzzy messages in po/*.po (except sr@latin.po, which is generated) and run this script again." >&2
  fi
fi
exit "$status"
