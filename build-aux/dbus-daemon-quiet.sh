#!/bin/sh
exec dbus-daemon --syslog-only "$@"
