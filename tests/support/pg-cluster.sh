#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests.
#   pg-cluster.sh start DIR   initdb in DIR/data, listen only on a unix socket in DIR
#                             (a random port number names the socket), print the
#                             libpq connection string on stdout
#   pg-cluster.sh stop DIR    stop the cluster (DIR itself is left for the caller)
# When run as root, the postgres binaries run as user `postgres` (initdb refuses root)
# and DIR is handed to that user.
set -euo pipefail

pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
if [[ -z $cmd || -z $dir ]]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi
if [[ ! -x $pg_bin/initdb || ! -x $pg_bin/pg_ctl ]]; then
  echo "PostgreSQL server binaries not found in $pg_bin (apt-get install postgresql-15)" >&2
  exit 1
fi
dir=$(cd "$dir" && pwd)

as_pg=()
if [[ $(id -u) -eq 0 ]]; then
  chown -R postgres: "$dir"
  chmod 0700 "$dir"
  as_pg=(runuser -u postgres --)
fi

case $cmd in
  start)
    "${as_pg[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
      >"$dir/initdb.log" 2>&1
    port=$((20000 + RANDOM % 20000))
    # fsync=off: a test cluster is thrown away; crash safety of PostgreSQL is not
    # what these tests measure.
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off" \
      start >/dev/null
    echo "host=$dir port=$port user=postgres dbname=postgres"
    ;;
  stop)
    if [[ -f $dir/data/postmaster.pid ]]; then
      "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
