#!/usr/bin/env bash
# Stops the primary and replica that setup.sh made under DIR and removes DIR.
set -euo pipefail
dir="${1:?usage: teardown.sh DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/common.sh"

[ -d "$dir" ] || exit 0
if [ ! -e "$dir/$marker" ]; then echo "teardown.sh: $dir was not made by setup.sh; left alone" >&2; exit 1; fi
for cluster in replica primary; do
  if [ -f "$dir/$cluster/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$dir/$cluster" -m immediate -w stop >/dev/null || true
  fi
done
rm -rf "$dir"
