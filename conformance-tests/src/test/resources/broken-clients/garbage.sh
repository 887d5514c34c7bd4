#!/usr/bin/env bash
# Broken on purpose: prints garbage and exits 1.
printf '\x01\x02\x7f??%%%% coapCode= replyCode=\xff\xfe\n'
printf 'Segmentation fault \x1b[31m(core dumped)\x1b[0m\n' >&2
exit 1
