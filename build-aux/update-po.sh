#!/usr/bin/env bash
# update-po.sh [BUILD_DIR]
#
# Regenerates po/prospect.pot from the files in po/POTFILES.in and merges it
# into every language of po/LINGUAS. Uses meson's gettext targets in
# BUILD_DIR (default _build), setting it up when needed.
#
# Copyright The Prospect authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-_build}

# A file missing from POTFILES.in would silently lose its strings.
./build-aux/check-potfiles.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build"
fi
meson compile -C "$build" prospect-pot prospect-update-po

for po in po/*.po; do
  printf '%s: ' "$po"
  msgfmt --check --statistics -o /dev/null "$po"
done
