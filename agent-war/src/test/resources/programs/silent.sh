#!/bin/sh
# A test program that starts a child and never says it is ready.
sleep 600 &
echo "child $!"
wait
