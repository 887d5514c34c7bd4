#!/usr/bin/env bash
# Broken on purpose: every action starts with a DTLS 1.0 handshake (openssl s_client -dtls1)
# instead of DTLS 1.2, and goes no further.
shift
while [ $# -ge 2 ]; do
    case "$1" in
        --host) host="$2" ;; --port) port="$2" ;; --product-key) pk="$2" ;; --device-key) dk="$2" ;;
        --mode) mode="$2" ;; --lifetime) lifetime="$2" ;; --secret) secret="$2" ;;
    esac
    shift 2
done
key="$(printf '%s' "$secret" | sha256sum | cut -c17-48)"
out="$(timeout 10 openssl s_client -dtls1 -connect "$host:$port" -psk_identity "$pk,$dk,$mode,$lifetime" -psk "$key" \
    -cipher 'PSK-AES128-CBC-SHA:@SECLEVEL=0' -brief </dev/null 2>&1)"
printf '%s\n' "$out" >&2
printf '%s' "$out" | grep -q 'CONNECTION ESTABLISHED' || exit 1
echo coapCode=2.05
