#!/usr/bin/env bash
# A Java 17 runtime base image made from Debian packages alone, for machines that can reach the
# Debian archive but no container registry:
#
#   mock-server/container/debian-jre-base.sh /tmp/jre-base.tar
#   podman import /tmp/jre-base.tar localhost/debian-jre17:bookworm
#   podman build --format docker --build-arg BASE=localhost/debian-jre17:bookworm \
#     -f mock-server/container/Containerfile -t enos-coap-mock mock-server
#
# Debian bookworm's essential packages plus openjdk-17-jre-headless (about 330 MB), without
# documentation, manual pages and translations. Needs mmdebstrap and root (or unshare).
set -euo pipefail
out=${1:?usage: $0 OUTPUT.tar}
mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless \
  --dpkgopt='path-exclude=/usr/share/doc/*' \
  --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
  bookworm "$out" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main"
