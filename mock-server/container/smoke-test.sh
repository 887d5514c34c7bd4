#!/usr/bin/env bash
# Builds the mock's image on BASE, runs it with podman, and proves it from the host through the
# published ports: a DTLS handshake and a measure point POST with libcoap's coap-client, the
# health check, the admin API with its token, and a clean stop on SIGTERM (exit 0, within 2 s).
#
#   mock-server/container/smoke-test.sh BASE_IMAGE      (after mvn package or mvn verify)
#
# Needs podman, runc, coap-client-openssl and curl. On this kind of machine podman runs containers
# only with runc (crun fails on hybrid cgroups) and with explicit ulimits.
set -euo pipefail
cd "$(dirname "$0")/../.."
base=${1:?usage: $0 BASE_IMAGE}
image=localhost/enos-coap-mock:smoke-$$
name=enos-coap-mock-smoke-$$
run=(--runtime runc --ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
ms() { date +%s%3N; }
say() { printf '[container] %s\n' "$*"; }
fail() { say "FAILED: $*"; podman logs "$name" 2>&1 | sed 's/^/[container log] /' || true; exit 1; }
cleanup() {
  podman rm -f "$name" >/dev/null 2>&1 || true
  podman rmi -f "$image" >/dev/null 2>&1 || true
  rm -f "/tmp/$name.err"
}
trap cleanup EXIT

t=$(ms)
podman build -q --format docker "${run[@]}" --build-arg "BASE=$base" \
  -f mock-server/container/Containerfile -t "$image" mock-server >/dev/null
say "image built on $base in $(( $(ms) - t )) ms"

token=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
t=$(ms)
# podman schedules health checks with systemd timers and says so on stderr where there is no
# systemd; the check is run by hand below, and podman's stderr is shown only if the run fails.
podman run -d --name "$name" "${run[@]}" --health-interval=disable \
  -p 127.0.0.1::5684/udp -p 127.0.0.1::8684/tcp -e "ENOS_ADMIN_TOKEN=$token" "$image" >/dev/null 2>"/tmp/$name.err" \
  || { cat "/tmp/$name.err"; fail "podman run"; }
rm -f "/tmp/$name.err"
for _ in $(seq 300); do
  grep -q 'EnOS CoAP mock listening' <<<"$(podman logs "$name" 2>&1)" && break
  sleep 0.1
done
grep -q 'EnOS CoAP mock listening' <<<"$(podman logs "$name" 2>&1)" || fail "it never said it listens"
say "container listening after $(( $(ms) - t )) ms"
coap=$(podman port "$name" 5684/udp | head -1 | sed 's/.*://')
admin=$(podman port "$name" 8684/tcp | head -1 | sed 's/.*://')
say "published: UDP 5684 at 127.0.0.1:$coap, admin 8684 at 127.0.0.1:$admin"

podman healthcheck run "$name" >/dev/null || fail "health check"
say "health check: healthy"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin/ready")" = 200 ] || fail "GET /ready"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$admin/journal")" = 401 ] || fail "journal without the token"

key=$(printf '%s' demo-device-secret-01 | sha256sum | cut -c17-48 | sed 's/../\\x&/g')
t=$(ms)
reply=$(timeout 20 coap-client-openssl -B 8 -m post -u 'demoProduct,dev01,2,300' -k "$(printf "$key")" -t json \
  -e '{"id":"1","version":"1.0","method":"thing.measurepoint.post","params":{"measurepoints":{"temp":21.5}}}' \
  "coaps://127.0.0.1:$coap/topic/sys/demoProduct/dev01/thing/measurepoint/post" 2>&1) || true
say "coap-client POST through the published port ($(( $(ms) - t )) ms): $reply"
[ "$reply" = '{"id":"1","code":200,"data":{}}' ] || fail "measure point POST"
grep -q "handshake ACCEPTED .*identity='demoProduct,dev01,2,300'" <<<"$(podman logs "$name" 2>&1)" || fail "no accepted handshake logged"
journal=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$admin/journal?device=demoProduct/dev01&kind=handshake,request")
grep -q '"outcome":"ACCEPTED"' <<<"$journal" && grep -q '"responseCode":"2.04"' <<<"$journal" || fail "admin journal: $journal"
temp=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$admin/devices/demoProduct/dev01")
grep -q '"temp":{"value":21.5' <<<"$temp" || fail "device state: $temp"
say "journal over the admin API: handshake ACCEPTED, POST 2.04; device state has temp 21.5"

t=$(ms)
podman kill --signal TERM "$name" >/dev/null
code=$(podman wait "$name")
took=$(( $(ms) - t ))
last=$(podman logs "$name" 2>/dev/null | tail -1)
say "SIGTERM: exit code $code after $took ms; last line: $last"
[ "$code" = 0 ] || fail "exit code $code on SIGTERM"
[ "$last" = stopped ] || fail "last line '$last'"
[ "$took" -lt 2000 ] || fail "took $took ms to stop"
say "passed"
