#!/usr/bin/env bash
# Broken on purpose: the libcoap shim, but every upload is reported as coapCode=2.04 replyCode=200.
case "${1:-}" in
    connect|activate|commands) exec bash "$(dirname "$0")/libcoap-shim.sh" "$@" ;;
esac
bash "$(dirname "$0")/libcoap-shim.sh" "$@" | sed -e 's/^coapCode=.*/coapCode=2.04/' -e 's/^replyCode=.*/replyCode=200/'
exit 0
