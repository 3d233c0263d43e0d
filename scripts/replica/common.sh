# Shared by setup.sh and teardown.sh: where PostgreSQL's programs are, and how to run them.
# initdb and postgres refuse to run as root, so as root everything runs as the `postgres` OS user.
pg_bin="$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
marker=.hiwa-replica-pair

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
