#!/usr/bin/env bash
# System packages the tests need beyond Node: Debian's Chromium for the browser tests (never a tool's own
# browser download), the PostgreSQL client for CI's scratch database, and the PostgreSQL server binaries
# (initdb, pg_ctl) with which the reliability suite runs a cluster of its own. Idempotent; skipped when present.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Please install: ${need[*]} (apt-get install ${need[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
