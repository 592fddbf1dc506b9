#!/usr/bin/env bash
# check-flatpak-manifest.sh MANIFEST
#
# Lints a Flatpak manifest offline: flatpak-builder parses it and, with
# fatal warnings, stops at any key it does not know. Exits 77 (skipped)
# where flatpak-builder is not installed. Run by `meson test flatpak-manifest`.
#
# Copyright The Prospect authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

manifest=$(realpath "$1")

if ! command -v flatpak-builder >/dev/null 2>&1; then
  echo "flatpak-builder is not installed: skipping"
  exit 77
fi

# flatpak-builder leaves a .flatpak-builder folder in the current directory.
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
cd "$workdir"

G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest" >/dev/null
echo "$manifest: OK"
