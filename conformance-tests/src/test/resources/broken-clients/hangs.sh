#!/usr/bin/env bash
# Broken on purpose: never returns.
echo "connecting..." >&2
sleep 600
