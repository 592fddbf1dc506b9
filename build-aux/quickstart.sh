#!/usr/bin/env bash
# quickstart.sh run|test
#
#   run   install what is missing, build in ./_build, fill a fresh demo
#         profile and open Prospect on it
#   test  install what is missing, build, and run the whole test suite
#         headless: Xvfb, a private D-Bus session and a throw-away HOME
#
# Run it as root or through sudo. A user who runs it without sudo is asked
# for sudo only when packages are missing; under sudo it builds and runs as
# the user who called sudo.
#
# Copyright The Prospect authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

app_id=io.github.prospect_crm.Prospect

# Debian 12's packages that Prospect builds and runs with.
packages=(
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libsqlite3-dev
  libjson-glib-dev libsecret-1-dev libgmime-3.0-dev libcurl4-openssl-dev
  libcsv-dev libuchardet-dev iso-codes
  meson ninja-build gettext appstream desktop-file-utils xvfb xauth
  libglib2.0-dev-bin
)
# The tests also lint the Flatpak manifest and need dbus-run-session. Never
# dbus-x11: it autolaunches stray session buses.
test_packages=(flatpak-builder dbus-daemon)

say ()
{
  printf '==> %s\n' "$*"
}

die ()
{
  printf 'quickstart: %s\n' "$*" >&2
  exit 1
}

missing_packages ()
{
  local p

  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null \
         | grep -qx 'install ok installed'; then
      echo "$p"
    fi
  done
}

install_packages ()
{
  local wanted=("${packages[@]}") missing sudo=()

  [ "$mode" = test ] && wanted+=("${test_packages[@]}")

  if ! command -v dpkg-query >/dev/null; then
    say "Not a Debian system: install these packages or their equivalents" \
        "yourself: ${wanted[*]}"
    return
  fi

  # Nothing to do (and no network needed) when everything is there.
  mapfile -t missing < <(missing_packages "${wanted[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    say "All needed packages are installed"
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null \
      || die "these packages are missing and there is no sudo to install" \
             "them: ${missing[*]}"
    sudo=(sudo)
  fi

  say "Installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

# Under sudo, build and run as the user who called it, so that _build, the
# demo profile and the window are theirs and not root's. Stays root when
# that user could not write the build folder (an earlier root build).
drop_root ()
{
  local user=${SUDO_USER:-} uid env=()

  [ "$(id -u)" -eq 0 ] && [ -n "$user" ] && [ "$user" != root ] || return 0
  command -v sudo >/dev/null || return 0
  sudo -u "$user" test -w "$root" || return 0
  [ ! -e "$build" ] || sudo -u "$user" test -w "$build" || return 0

  uid=$(id -u "$user")
  env+=(QUICKSTART_PACKAGES_DONE=1)
  [ -n "${DISPLAY:-}" ] && env+=("DISPLAY=$DISPLAY")
  [ -n "${XAUTHORITY:-}" ] && env+=("XAUTHORITY=$XAUTHORITY")
  [ -n "${WAYLAND_DISPLAY:-}" ] && env+=("WAYLAND_DISPLAY=$WAYLAND_DISPLAY")
  [ -d "/run/user/$uid" ] && env+=("XDG_RUNTIME_DIR=/run/user/$uid")

  say "Continuing as $user"
  exec sudo -u "$user" -H env "${env[@]}" "$root/build-aux/quickstart.sh" "$mode"
}

build_prospect ()
{
  # An existing build.ninja re-runs meson by itself when a meson.build changed.
  if [ ! -f "$build/build.ninja" ]; then
    if [ -f "$build/meson-private/coredata.dat" ]; then
      say "Setting up $build again"
      meson setup --wipe "$build" || die "meson setup failed (see above)"
    else
      say "Setting up $build"
      meson setup "$build" || die "meson setup failed (see above)"
    fi
  fi

  say "Building"
  ninja -C "$build" || die "the build failed (see above)"
}

run_app ()
{
  local db=${XDG_DATA_HOME:-$HOME/.local/share}/$app_id/demo.db

  export GSETTINGS_SCHEMA_DIR=$build/data

  say "Filling a fresh demo profile: $db"
  mkdir -p "$(dirname "$db")"
  rm -f -- "$db" "$db-wal" "$db-shm" "$db-journal"
  "$build/src/prospect" --database "$db" --demo

  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display (neither DISPLAY nor WAYLAND_DISPLAY is set), so Prospect" \
         "was built and the demo filled but not opened; run the tests" \
         "headless with: ./build-aux/quickstart.sh test"
    exit 0
  fi

  say "Starting Prospect"
  exec "$build/src/prospect" --database "$db"
}

# Prints the closing line "Tests: N passed, N failed, N skipped" from meson
# test's summary in the log $1.
print_totals ()
{
  awk -F: '
    /^Ok:/              { ok = $2 + 0; seen = 1 }
    /^Expected Fail:/   { ok += $2 }
    /^Fail:/            { fail += $2 }
    /^Unexpected Pass:/ { fail += $2 }
    /^Timeout:/         { fail += $2 }
    /^Skipped:/         { skip = $2 + 0 }
    END { if (seen) printf "Tests: %d passed, %d failed, %d skipped\n", ok, fail, skip }
  ' "$1"
}

run_tests ()
{
  local tmp status

  tmp=$(mktemp -d "${TMPDIR:-/tmp}/prospect-test.XXXXXX")
  # shellcheck disable=SC2064 # expand now: $tmp is gone when the trap runs
  trap "rm -rf '$tmp'" EXIT

  # A private, empty home and runtime dir, so that nothing of the machine's
  # user (settings, keyrings, profiles) leaks into the tests.
  mkdir -p "$tmp/home" "$tmp/runtime"
  chmod 700 "$tmp/runtime"
  export HOME=$tmp/home
  export XDG_RUNTIME_DIR=$tmp/runtime
  export XDG_DATA_HOME=$HOME/.local/share
  export XDG_CONFIG_HOME=$HOME/.config
  export XDG_CACHE_HOME=$HOME/.cache
  export LC_ALL=C.UTF-8
  export GSETTINGS_BACKEND=memory
  export GSETTINGS_SCHEMA_DIR=$build/data
  export GSK_RENDERER=cairo GTK_A11Y=none GDK_BACKEND=x11
  unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS

  say "Running the tests under Xvfb with a private D-Bus session"
  set +e
  xvfb-run -a -s '-screen 0 1280x1024x24' \
    dbus-run-session --dbus-daemon="$root/build-aux/dbus-daemon-quiet.sh" -- \
    meson test -C "$build" --print-errorlogs 2>&1 | tee "$tmp/test.log"
  status=${PIPESTATUS[0]}
  set -e

  print_totals "$tmp/test.log"
  return "$status"
}

mode=${1:-}
case "$mode" in
  run|test) ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$root/_build
cd "$root"

[ -n "${QUICKSTART_PACKAGES_DONE:-}" ] || install_packages
drop_root
build_prospect

case "$mode" in
  run) run_app ;;
  test) run_tests ;;
esac
