#!/bin/sh
# A test program that ignores SIGTERM, and so do its children (an ignored signal stays ignored across fork and exec):
# only SIGKILL ends it. Prints each process id, then "ready", then waits.
trap '' TERM
sleep 600 &
echo "child $!"
( sleep 600 &
  echo "daemon $!" )
echo "leader $$"
echo "ready"
wait
