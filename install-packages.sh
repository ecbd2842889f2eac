#!/usr/bin/env bash
# Installs the Debian packages Switchboard's tests and optional features use and Maven cannot fetch:
#   chromium, chromium-driver  the browser tests (headless Chromium driven by Selenium)
#   xvfb, x11vnc, xterm        desktop applications (a virtual X display shown over VNC)
#   postgresql                 the production database (the embedded default is H2)
#   nodejs, npm                building the browser page (its libraries come from the npm registry)
# Only what is missing is installed.
set -euo pipefail

wanted=(chromium:chromium chromedriver:chromium-driver Xvfb:xvfb x11vnc:x11vnc xterm:xterm node:nodejs npm:npm)
missing=()
for pair in "${wanted[@]}"; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
