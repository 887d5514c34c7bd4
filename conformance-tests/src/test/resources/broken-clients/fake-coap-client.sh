#!/usr/bin/env bash
# Stands in for coap-client-openssl and makes one mistake, named by BROKEN:
#   time-in-seconds               params.time in seconds instead of milliseconds
#   spaces-in-identity            a space after every comma of the PSK identity
#   imei-as-number                a 15-digit device key written in exponent form
#   oversized-payload             every request body padded past 1 KB
#   reconnect-with-product-secret the SecureMode 2 reconnect after activation keyed with the product secret
#   data-before-reconnect         a measure point POSTed on the SecureMode 3 session before the reconnect
REAL="${LIBCOAP_REAL_CLIENT:-coap-client-openssl}"
args=("$@")
n=${#args[@]}
idx_u=-1 idx_k=-1 idx_e=-1
for ((i = 0; i < n; i++)); do
    case "${args[i]}" in
        -u) idx_u=$((i + 1)) ;;
        -k) idx_k=$((i + 1)) ;;
        -e) idx_e=$((i + 1)) ;;
    esac
done
uri="${args[n - 1]}"
identity="${args[idx_u]}"
# One activation spans several coap-client runs: keep state per server and device.
hostport="${uri#coaps://}"; hostport="${hostport%%/*}"
state="${TMPDIR:-/tmp}/enos-broken-${hostport//[^0-9a-zA-Z]/_}-$(printf '%s' "$identity" | cut -d, -f1-2 | tr -c '0-9a-zA-Z' _)"
hex() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n'; }
raw() { printf "$(printf '%s' "$1" | sed 's/../\\x&/g')"; }
case "${BROKEN:-}" in
    time-in-seconds)
        [ "$idx_e" -ge 0 ] && args[idx_e]="$(printf '%s' "${args[idx_e]}" | sed -E 's/"time":([0-9]{10})[0-9]{3}/"time":\1/g')" ;;
    spaces-in-identity)
        args[idx_u]="${identity//,/, }" ;;
    imei-as-number)
        args[idx_u]="${identity//860123456789012/8.60123456789012e+14}"
        args[n - 1]="${uri//860123456789012/8.60123456789012e+14}" ;;
    oversized-payload)
        [ "$idx_e" -ge 0 ] && args[idx_e]="{\"padding\":\"$(head -c 1200 /dev/zero | tr '\0' x)\",${args[idx_e]#\{}" ;;
    reconnect-with-product-secret|data-before-reconnect)
        case "$identity" in
            *,3,*) printf '%s %s\n' "$(hex "${args[idx_k]}")" "$identity" > "$state" ;;
            *,2,*)
                if [ -f "$state" ]; then
                    read -r sm3key sm3identity < "$state"
                    if [ "$BROKEN" = reconnect-with-product-secret ]; then
                        args[idx_k]="$(raw "$sm3key")"
                    else
                        base="${uri%%/topic/*}"
                        pkdk="$(printf '%s' "$sm3identity" | cut -d, -f1-2 | tr , /)"
                        "$REAL" -B 3 -m post -u "$sm3identity" -k "$(raw "$sm3key")" -t json \
                            -e '{"id":"1","version":"1.0","method":"thing.measurepoint.post","params":{"measurepoints":{"early":1}}}' \
                            "$base/topic/sys/$pkdk/thing/measurepoint/post" >/dev/null 2>&1 </dev/null
                        rm -f "$state"
                    fi
                fi ;;
        esac ;;
esac
exec "$REAL" "${args[@]}"
