# A desktop session: an X program on a virtual display of its own (Xvfb), shown by a VNC server (x11vnc) on a
# loopback port. Run by the agent as the leader of the program's session (setsid), with the program's argv as
# separate arguments:
#   bash -c <this script> switchboard-desktop <width>x<height> <VNC port> <program> [<argument>...]
# All three processes belong to the session. The session ends when any of them ends (normally the program); the
# other two are then stopped and the program's exit code is the session's. A SIGTERM (the agent stopping the session)
# ends all three.
set -u
screen=$1
port=$2
shift 2
children=()

end_children() {
  trap '' TERM INT HUP
  kill -TERM "${children[@]}" 2>/dev/null
  wait
}
trap 'end_children; exit 143' TERM INT HUP

# Xvfb picks a free display number itself (-displayfd: the first it can bind the socket of, so concurrent sessions
# never share one) and writes it to its standard output once clients can connect.
coproc XVFB { exec Xvfb -displayfd 1 -screen 0 "${screen}x24" -nolisten tcp; }
children+=("$XVFB_PID")
if ! read -r display <&"${XVFB[0]}" || [ -z "$display" ]; then
  echo "switchboard-desktop: Xvfb did not start" >&2
  end_children
  exit 1
fi
export DISPLAY=":$display"

# No password: the port is on loopback only, and clients reach it through the slave's token-checked relay.
x11vnc -display "$DISPLAY" -rfbport "$port" -localhost -noipv6 -forever -shared -nopw -norc -nolookup -quiet \
  -desktop "$1" &
children+=("$!")

"$@" &
program=$!
children+=("$program")

wait -n
status=$?
end_children
exit "$status"
