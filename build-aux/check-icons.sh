#!/usr/bin/env bash
# check-icons.sh [SOURCE_ROOT]
#
# Fails when the interface names an icon that neither the icon theme GTK 4
# falls back on (Adwaita, hicolor), libadwaita's own resources (adw-*), nor
# Prospect's resources (src/gui/icons) provide: GTK would draw a broken
# image in its place. Run by `meson test icons`.
#
# Copyright The Prospect authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "${1:-$(dirname "$0")/..}"

themes=(/usr/share/icons/Adwaita /usr/share/icons/hicolor)
for theme in "${themes[@]}"; do
  if [ ! -d "$theme" ]; then
    echo "check-icons: $theme is missing; install adwaita-icon-theme" >&2
    exit 77
  fi
done

# Icon names in .ui properties and in C string literals.
mapfile -t names < <(
  {
    grep -rhoE '"icon-name">[A-Za-z0-9._-]+<' src/gui --include='*.ui' \
      | sed -E 's/.*">//; s/<$//'
    grep -rhoE '"[a-z0-9-]+-symbolic"' src/gui --include='*.c' | tr -d '"'
  } | sort -u
)

missing=0
for name in "${names[@]}"; do
  case "$name" in
    adw-*) continue ;;   # shipped inside libadwaita
  esac
  if [ -n "$(find "${themes[@]}" src/gui/icons data/icons \
                 \( -name "$name.svg" -o -name "$name.png" \) -print -quit 2>/dev/null)" ]; then
    continue
  fi
  echo "check-icons: no icon named $name"
  missing=1
done

exit "$missing"
