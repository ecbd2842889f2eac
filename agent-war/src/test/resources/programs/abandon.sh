#!/bin/sh
# A test program that leaves a child behind: starts it, prints its process id and ends at once.
sleep 600 &
echo "$!"
