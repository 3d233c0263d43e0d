#!/usr/bin/env bash
# A throwaway PostgreSQL primary and a streaming replica of it, on loopback only, for trying and testing
# DATABASE_READ_URL. Both clusters live under DIR (created; must not exist yet), on free ports.
#   scripts/replica/setup.sh DIR      prints DATABASE_URL=… and DATABASE_READ_URL=… (database `hiwa`)
#   scripts/replica/teardown.sh DIR   stops both and removes DIR
# Trust authentication on 127.0.0.1: for a test machine, never for real data.
set -euo pipefail
dir="${1:?usage: setup.sh DIR}"
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/common.sh"

if [ -e "$dir" ]; then echo "setup.sh: $dir exists; give a new directory" >&2; exit 1; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
touch "$dir/$marker"
[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"

# A port nothing on 127.0.0.1 answers on now (a clash after the check makes pg_ctl fail, loudly).
free_port() {
  for _ in $(seq 1 50); do
    local port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "setup.sh: no free port found" >&2
  exit 1
}

settings() { # port
  cat <<CONF
listen_addresses = '127.0.0.1'
port = $1
unix_socket_directories = '$dir'
max_connections = 100
# the replica tells the primary which rows its searches still read, so vacuum does not cancel them
hot_standby_feedback = on
CONF
}

primary_port="$(free_port)"
as_postgres "$pg_bin/initdb" --no-sync -D "$dir/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
settings "$primary_port" >>"$dir/primary/postgresql.conf"
as_postgres "$pg_bin/pg_ctl" -D "$dir/primary" -l "$dir/primary.log" -w start >/dev/null

# -R writes primary_conninfo and standby.signal: the copy starts as a hot standby streaming from the primary.
replica_port="$(free_port)"
while [ "$replica_port" = "$primary_port" ]; do replica_port="$(free_port)"; done
as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$dir/replica" -R -X stream -c fast
settings "$replica_port" >>"$dir/replica/postgresql.conf"
as_postgres "$pg_bin/pg_ctl" -D "$dir/replica" -l "$dir/replica.log" -w start >/dev/null

as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$primary_port" -U postgres -qAt -c 'CREATE DATABASE hiwa' >/dev/null
# The database exists on the replica once the replica has replayed its creation.
for _ in $(seq 1 100); do
  if as_postgres "$pg_bin/psql" -h 127.0.0.1 -p "$replica_port" -U postgres -d hiwa -qAt -c 'SELECT 1' >/dev/null 2>&1; then
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$primary_port/hiwa"
    echo "DATABASE_READ_URL=postgres://postgres@127.0.0.1:$replica_port/hiwa"
    exit 0
  fi
  sleep 0.1
done
echo "setup.sh: the replica did not catch up within 10 s; see $dir/replica.log" >&2
exit 1
