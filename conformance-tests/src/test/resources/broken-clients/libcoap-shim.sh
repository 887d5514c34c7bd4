#!/usr/bin/env bash
# The libcoap shim (LIBCOAP_SHIM) with a fake coap-client in front of the real one, which makes the
# mistake named by BROKEN (see fake-coap-client.sh); without BROKEN it is the shim as shipped.
export LIBCOAP_CLIENT="$(dirname "$0")/fake-coap-client.sh"
exec bash "$LIBCOAP_SHIM" "$@"
