#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL 15 cluster for tests: its own data directory, a free TCP port on
# 127.0.0.1, a password-protected superuser and one database. Durability is switched off (fsync=off): the
# cluster is meant to be deleted after the run.
#
# Usage: scripts/pg-throwaway.sh start DIR   prints one line, the URL postgresql://user:pass@127.0.0.1:PORT/db
#        scripts/pg-throwaway.sh stop DIR    stops the cluster (no error if it is not running)
#
# PostgreSQL refuses to run as root: as root, the cluster runs as the system user motcua-pgtest (created on
# first use) and DIR is handed to it (its parent directories must let that user through, as /tmp does).
# Starting an already running cluster prints its URL again.
set -euo pipefail

pg_bin=/usr/lib/postgresql/15/bin
pg_user=motcua-pgtest
db_role=motcua
db_name=motcua

die() { echo "pg-throwaway: $*" >&2; exit 1; }

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$pg_user" -- "$@"
  else
    "$@"
  fi
}

ensure_owner() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$pg_user" >/dev/null 2>&1 ||
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$pg_user"
  chown "$pg_user" "$dir"
}

random_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    port_in_use "$port" || { echo "$port"; return 0; }
  done
  die "no free port found"
}

init_cluster() {
  local pwfile="$dir/.pw"
  random_hex 12 >"$dir/password"
  cp "$dir/password" "$pwfile"
  chmod 600 "$dir/password" "$pwfile"
  [ "$(id -u)" -ne 0 ] || chown "$pg_user" "$dir/password" "$pwfile"
  as_owner "$pg_bin/initdb" -D "$dir/data" -U "$db_role" --pwfile="$pwfile" --auth=scram-sha-256 \
    --locale=C.UTF-8 --encoding=UTF8 >"$dir/initdb.log" 2>&1 || die "initdb failed, see $dir/initdb.log"
  rm -f "$pwfile"
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
EOF
}

# Starts the server on a free port, retrying when another process takes the port first.
start_server() {
  local port
  for _ in 1 2 3 4 5; do
    port=$(pick_port)
    sed -i '/^port = /d' "$dir/data/postgresql.conf"
    echo "port = $port" >>"$dir/data/postgresql.conf"
    if as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null 2>&1; then
      echo "$port" >"$dir/port"
      return 0
    fi
  done
  die "the server did not start, see $dir/server.log"
}

create_database() {
  PGPASSWORD=$(cat "$dir/password") as_owner "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 \
    -p "$(cat "$dir/port")" -U "$db_role" -d postgres -c "CREATE DATABASE $db_name" >/dev/null ||
    die "could not create database $db_name"
}

url() { echo "postgresql://$db_role:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/$db_name"; }

running() {
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$pg_bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
  [ -x "$pg_bin/initdb" ] || die "PostgreSQL 15 is not installed (apt-get install postgresql-15)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  ensure_owner
  if running; then url; return 0; fi
  local fresh=0
  [ -f "$dir/data/PG_VERSION" ] || { init_cluster; fresh=1; }
  start_server
  [ "$fresh" -eq 0 ] || create_database
  url
}

stop() {
  [ -d "$dir/data" ] || return 0
  dir=$(cd "$dir" && pwd)
  running || return 0
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || die "pg_ctl stop failed"
}

[ $# -eq 2 ] || die "usage: $0 start|stop DIR"
dir=$2
case "$1" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop DIR" ;;
esac
