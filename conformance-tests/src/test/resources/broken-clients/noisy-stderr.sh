#!/usr/bin/env bash
# Broken on purpose: a 20 KB line and control bytes on stderr, then exit 1.
head -c 20000 /dev/zero | tr '\0' x >&2
printf '\n\a\x1b[2J\x00 cleared the screen\r\n' >&2
exit 1
