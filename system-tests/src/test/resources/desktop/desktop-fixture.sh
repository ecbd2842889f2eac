#!/bin/sh
# A remote desktop for the browser tests, as a tcp application: a virtual X display (Xvfb) with an xterm on it,
# served over VNC (RFB) by x11vnc on 127.0.0.1:$1. Xvfb picks a free display number itself (-displayfd) and writes
# it once it accepts clients. Everything started here stops when this script is terminated or one of them exits.
set -eu
port=$1
dir=$(mktemp -d)
xvfb= xterm= x11vnc=
trap 'kill $x11vnc $xterm $xvfb 2>/dev/null || true; rm -rf "$dir"' EXIT
trap 'exit 143' TERM INT HUP

mkfifo "$dir/display"
Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp 3>"$dir/display" &
xvfb=$!
read -r display <"$dir/display"
xterm -display ":$display" -geometry 80x24+0+0 -bg black -fg green -e sh -c 'echo desktop ready; exec cat' &
xterm=$!
x11vnc -display ":$display" -rfbport "$port" -localhost -noipv6 -nopw -forever -shared -quiet &
x11vnc=$!
wait "$x11vnc"
