#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source file (.c, .h, .py, .sh, .js) in one of the given
# folders, or below them, has more than 800 lines: split it by purpose
# (core/HACKING.md). Usage: check-file-sizes.sh FOLDER...

set -eu

limit=800

if [ $# -eq 0 ]; then
  echo "Usage: $0 FOLDER..." >&2
  exit 2
fi

status=0
count=0
for folder in "$@"; do
  if [ ! -d "$folder" ]; then
    echo "$folder: not a folder" >&2
    exit 2
  fi
  # Generated and installed trees are no one's source.
  files=$(find "$folder" \( -name node_modules -o -name '_build*' \) -prune -o \
            -type f \( -name '*.c' -o -name '*.h' -o -name '*.py' -o -name '*.sh' -o -name '*.js' \) \
            -print | LC_ALL=C sort)
  for file in $files; do
    count=$((count + 1))
    lines=$(wc -l < "$file")
    if [ "$lines" -gt "$limit" ]; then
      echo "$file: $lines lines (more than $limit): split it by purpose"
      status=1
    fi
  done
done

if [ "$status" -eq 0 ]; then
  echo "no file over $limit lines among $count"
fi
exit "$status"
