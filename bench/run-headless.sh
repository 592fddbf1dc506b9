#!/bin/sh
# Runs a benchmark with the headless set-up of PLATFORM.md: under a private
# Xvfb (24-bit, large enough for a 1200x800 window) unless a display is
# already given, with the cairo renderer. Variables already set win.
: "${GSK_RENDERER:=cairo}"
: "${GTK_A11Y:=none}"
: "${GDK_BACKEND:=x11}"
: "${GSETTINGS_BACKEND:=memory}"
: "${LC_ALL:=C.UTF-8}"
export GSK_RENDERER GTK_A11Y GDK_BACKEND GSETTINGS_BACKEND LC_ALL

if [ -z "$DISPLAY" ]; then
  exec xvfb-run -a -s '-screen 0 1280x1024x24' "$@"
fi
exec "$@"
