#!/usr/bin/env bash
# Broken on purpose: sends nothing, prints what a successful client prints, exits 0.
count=1
while [ $# -gt 0 ]; do [ "$1" = --count ] && count="$2"; shift; done
case "${ENOS_ACTION:-}" in
    connect) echo coapCode=2.05 ;;
    activate) echo deviceSecret=made-up-secret; echo coapCode=2.05 ;;
    commands) ;;
    *) for ((i = 0; i < ${ENOS_COUNT:-$count}; i++)); do echo coapCode=2.04; echo replyCode=200; done ;;
esac
exit 0
