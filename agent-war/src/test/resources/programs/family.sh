#!/bin/sh
# A test program that forks the way real programs do: a child, a grandchild, and a daemon whose parent lets it go
# (it is re-parented and no longer a descendant of this script). Prints each process id, then "ready", then waits.
sleep 600 &
echo "child $!"
( sleep 600 &
  echo "grandchild $!"
  wait ) &
( sleep 600 &
  echo "daemon $!" )
echo "leader $$"
echo "ready"
wait
