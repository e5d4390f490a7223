#!/bin/sh
# A throw-away PostgreSQL 15 cluster on loopback for the archive tests (nothing here is kept or secret).
#   postgres_cluster.sh start DIR   makes a fresh cluster in DIR, starts it on a free port, writes DIR/port
#   postgres_cluster.sh stop DIR    stops it (immediately) and removes the data
# initdb refuses to run as root (CI runs as root): then the cluster belongs to the user "postgres".
set -eu
command=$1
dir=$2
bin=${VANBAN_PG_BIN:-/usr/lib/postgresql/15/bin}
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$command" in
  start)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # The server's socket path must stay under 107 bytes; a deep build folder gets one under /tmp.
    sockets="$dir"
    if [ ${#dir} -gt 80 ]; then sockets=$(mktemp -d /tmp/vanban-pg.XXXXXX); echo "$sockets" > "$dir/sockets"; fi
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir" "$sockets"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U vanban -E UTF8 --locale=C --no-sync > "$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    attempt=0
    while :; do
      # A port in the dynamic range, changing on every attempt (another server may hold one).
      port=$(( 20000 + ($$ * 7919 + attempt * 104729 + $(date +%N | sed 's/^0*//;s/^$/0/') ) % 40000 ))
      if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
           -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=60" start > /dev/null 2>&1; then
        break
      fi
      attempt=$((attempt + 1))
      if [ $attempt -ge 8 ]; then echo "postgres_cluster: the server does not start:" >&2; cat "$dir/server.log" >&2; exit 1; fi
    done
    echo "$port" > "$dir/port"
    echo "postgres_cluster: running on 127.0.0.1:$port ($dir)"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null; fi
    if [ -f "$dir/sockets" ]; then rm -rf "$(cat "$dir/sockets")"; fi
    rm -rf "$dir/data" "$dir/port"
    echo "postgres_cluster: stopped ($dir)"
    ;;
  *) echo "usage: postgres_cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
