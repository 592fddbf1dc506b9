#!/usr/bin/env bash
# check-potfiles.sh [SOURCE_ROOT]
#
# Fails when po/POTFILES.in misses a file that holds translatable strings,
# or lists a file that no longer exists. Run by `meson test potfiles`.
#
# Copyright The Prospect authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "${1:-$(dirname "$0")/..}"

potfiles=po/POTFILES.in
if [ ! -f "$potfiles" ]; then
  echo "check-potfiles: $potfiles not found (run from the source tree)" >&2
  exit 1
fi

# A call of the gettext macros and functions of glib/gi18n.h, with or without
# a space before "(", on a line that is not a comment ("*", "/*", "//").
c_pattern='(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|g_dpgettext2|ngettext)'
c_pattern+='[[:space:]]*[(][[:space:]]*[^)[:space:]]'

translatable_files ()
{
  if [ -d src ]; then
    find src -type f \( -name '*.c' -o -name '*.h' \) -exec awk -v re="$c_pattern" '
      $0 !~ /^[[:space:]]*(\*|\/\*|\/\/)/ && $0 ~ re { print FILENAME; nextfile }
    ' {} +
    grep -rl --include='*.ui' 'translatable="yes"' src || true
  fi
  if [ -d data ]; then
    find data -maxdepth 1 -type f \
      \( -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' \) -print
    grep -lE '<(summary|description)' data/*.gschema.xml* 2>/dev/null || true
  fi
}

listed_files ()
{
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles"
}

missing=$(comm -23 <(translatable_files | sort -u) <(listed_files | sort -u))
stale=$(listed_files | while read -r f; do [ -f "$f" ] || echo "$f"; done)

status=0
if [ -n "$missing" ]; then
  echo "These files hold translatable strings but are not in $potfiles:"
  while read -r f; do echo "  $f"; done <<<"$missing"
  status=1
fi
if [ -n "$stale" ]; then
  echo "These files are listed in $potfiles but do not exist:"
  while read -r f; do echo "  $f"; done <<<"$stale"
  status=1
fi
[ "$status" -eq 0 ] && echo "$potfiles lists every file with translatable strings."
exit "$status"
