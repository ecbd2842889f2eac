#!/bin/sh
# A test program that tells when it is ready instead of listening: two lines, then it copies its input to its output.
echo "warming up"
echo "ready on port ${1:-none}"
exec cat
