#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a .c or .ui file with translatable strings is missing from
# po/POTFILES.in, when POTFILES.in names a file that does not exist, or when
# it is not sorted. Usage: check-potfiles.sh [SOURCE_ROOT]

set -eu

srcdir=${1:-$(dirname "$0")/..}
cd "$srcdir"

potfiles=po/POTFILES.in
status=0

if [ ! -f "$potfiles" ]; then
  echo "$potfiles is missing" >&2
  exit 1
fi

listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

# The entries, without comments and blank lines.
sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" > "$listed"

if ! LC_ALL=C sort -c "$listed" 2>/dev/null; then
  echo "$potfiles is not sorted (LC_ALL=C sort)" >&2
  status=1
fi

while IFS= read -r file; do
  if [ ! -f "$file" ]; then
    echo "$potfiles lists $file, which does not exist" >&2
    status=1
  fi
done < "$listed"

# Files with translatable strings: _( N_( C_( NC_( and *ngettext( in C,
# translatable="yes" in GtkBuilder files.
for dir in app core sync ui; do
  [ -d "$dir" ] || continue
  find "$dir" -name '*.c' -type f \
    -exec grep -l -E '(^|[^A-Za-z0-9_])(N?C?_|[a-z_]*ngettext) *\(' {} + || true
  find "$dir" -name '*.ui' -type f -exec grep -l 'translatable="yes"' {} + || true
done | LC_ALL=C sort -u > "$found"

while IFS= read -r file; do
  if ! grep -qxF "$file" "$listed"; then
    echo "$file has translatable strings but is not in $potfiles" >&2
    status=1
  fi
done < "$found"

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists all $(wc -l < "$found") files with translatable strings"
fi

exit "$status"
