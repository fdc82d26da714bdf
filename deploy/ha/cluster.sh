#!/usr/bin/env bash
# A highly available Portvakt on one machine, as a script that is also the documentation of the
# layout (docs/operations.md "High availability (Patroni, etcd, HAProxy)"):
#
#   etcd (one member)            the store Patroni keeps the leader key in (ttl 10 s)
#   PostgreSQL 15 node 1 & 2     each managed by its own Patroni; synchronous replication
#   HAProxy :PG                  TCP to whichever node answers 200 on Patroni's GET /primary
#   Portvakt 1 & 2               `portvakt start`, DATABASE_URL pointing at HAProxy :PG
#   HAProxy :HTTP                HTTP round robin over the two Portvakt processes
#
# Everything listens on 127.0.0.1 only, lives under one directory (DIR) and uses the ports from
# HA_PORT_BASE (default 25400) upwards, so it cannot collide with a Debian service. PostgreSQL and
# Patroni run as the `postgres` user (runuser) and their data directories are owned by it.
#
#   deploy/ha/cluster.sh up DIR            start all of it; prints the URLs when ready
#   deploy/ha/cluster.sh start-node DIR N  (re)start node N's Patroni (N = 1 or 2), e.g. after a host loss
#   deploy/ha/cluster.sh start-app DIR N   (re)start Portvakt process N
#   deploy/ha/cluster.sh status DIR        Patroni's view of the cluster (leader, sync standby, lag)
#   deploy/ha/cluster.sh down DIR          stop every process this script started in DIR, remove DIR
#
# Process ids are in DIR/pids/*.pid (etcd, haproxy, patroni1/2, app1/2); a node's postmaster pid is
# the first line of DIR/node$N/data/postmaster.pid. Logs are in DIR/logs/.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
command="${1:-}"
dir="${2:-}"
[ -z "$dir" ] || dir="$(realpath -m "$dir")"
[ -n "$command" ] && [ -n "$dir" ] || {
  sed -n '2,25p' "$0"
  exit 2
}

pg_bin=/usr/lib/postgresql/15/bin
base="${HA_PORT_BASE:-25400}"
etcd_port=$((base + 0))
etcd_peer_port=$((base + 1))
haproxy_pg_port=$((base + 30))
haproxy_http_port=$((base + 31))
haproxy_stats_port=$((base + 32))
pg_port() { echo $((base + 9 + $1)); }      # node 1: base+10, node 2: base+11
api_port() { echo $((base + 19 + $1)); }    # Patroni REST API: base+20, base+21
app_port() { echo $((base + 39 + $1)); }    # Portvakt: base+40, base+41

# Passwords live in DIR/secrets (made once per cluster); nothing here is reused elsewhere.
secret() { cat "$dir/secrets/$1"; }
superuser_url() { echo "postgres://postgres:$(secret postgres)@127.0.0.1:${1:-$haproxy_pg_port}/${2:-postgres}"; }
app_url() { echo "postgres://portvakt_app:$(secret app)@127.0.0.1:$haproxy_pg_port/portvakt"; }
owner_url() { echo "postgres://portvakt_owner:$(secret owner)@127.0.0.1:$haproxy_pg_port/portvakt"; }

log() { echo "[ha $(date -u +%H:%M:%S)] $*" >&2; }

# Waits up to $2 seconds for the command in $3… to succeed.
wait_for() {
  local what="$1" seconds="$2"
  shift 2
  for _ in $(seq $((seconds * 5))); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  log "timed out waiting for $what"
  return 1
}

is_running() { [ -f "$dir/pids/$1.pid" ] && kill -0 "$(cat "$dir/pids/$1.pid")" 2>/dev/null; }

start_etcd() {
  # etcd 3.4 (Debian 12). One member is enough for a test; production runs three on three hosts,
  # so losing one keeps a quorum.
  etcd --name ha-etcd --data-dir "$dir/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
    --initial-cluster "ha-etcd=http://127.0.0.1:$etcd_peer_port" \
    --log-level warn >"$dir/logs/etcd.log" 2>&1 &
  echo $! >"$dir/pids/etcd.pid"
  wait_for etcd 30 curl -sf "http://127.0.0.1:$etcd_port/health"
}

write_patroni_config() {
  local n="$1" node="$dir/node$1"
  mkdir -p "$node"
  cat >"$node/patroni.yml" <<YAML
scope: portvakt-ha
name: node$n
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$(api_port "$n")
  connect_address: 127.0.0.1:$(api_port "$n")
# etcd 3.4 speaks the v3 API (Patroni's etcd3 section); the v2 API is off by default there.
etcd3:
  hosts: 127.0.0.1:$etcd_port
bootstrap:
  dcs:
    # The leader key lives ttl seconds unless renewed; Patroni's loop runs every loop_wait
    # seconds and gives up on the store after retry_timeout. Short values: a dead primary is
    # replaced within about ttl + loop_wait seconds.
    ttl: 10
    loop_wait: 2
    retry_timeout: 4
    # Only a synchronous standby may be promoted, and the primary acknowledges a commit only
    # when the standby has it: an acknowledged write exists on two nodes. With one node left,
    # Patroni turns synchronous replication off so writes go on (synchronous_mode_strict would
    # stop them instead).
    # HA_SYNCHRONOUS=false (asynchronous replication) exists only so that the failover test can
    # show what it protects against (npm run test:ha -- --async-lagging-replica).
    synchronous_mode: ${HA_SYNCHRONOUS:-true}
    synchronous_mode_strict: false
    # Asynchronous only: a standby further behind than this is not promoted.
    maximum_lag_on_failover: ${HA_MAXIMUM_LAG_ON_FAILOVER:-1048576}
    postgresql:
      # The old primary rejoins as a replica: pg_rewind undoes what it wrote after the split.
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        max_connections: 100
        synchronous_commit: 'on'
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
    - auth-local: peer
    - auth-host: scram-sha-256
postgresql:
  listen: 127.0.0.1:$(pg_port "$n")
  connect_address: 127.0.0.1:$(pg_port "$n")
  data_dir: $node/data
  bin_dir: $pg_bin
  pgpass: $node/pgpass
  # A new replica copies the primary with pg_basebackup; a fast checkpoint starts the copy at
  # once instead of after a spread one (minutes on a busy machine).
  basebackup:
    - checkpoint: fast
  authentication:
    superuser:
      username: postgres
      password: $(secret postgres)
    replication:
      username: replicator
      password: $(secret replicator)
    rewind:
      username: rewinder
      password: $(secret rewinder)
  parameters:
    unix_socket_directories: $node
  pg_hba:
    - local all all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
YAML
  chown -R postgres:postgres "$node"
  chmod 700 "$node"
}

start_node() {
  local n="$1"
  [ -f "$dir/node$n/patroni.yml" ] || write_patroni_config "$n"
  # runuser starts a session for postgres; the shell writes its own pid and becomes Patroni
  # (exec), so the pid file holds Patroni's pid, which `kill -9` takes down like a host loss.
  rm -f "$dir/node$n/patroni.pid"
  runuser -u postgres -- sh -c "echo \$\$ >'$dir/node$n/patroni.pid'; exec patroni '$dir/node$n/patroni.yml'" \
    >>"$dir/logs/patroni$n.log" 2>&1 &
  wait_for "patroni$n pid" 10 test -s "$dir/node$n/patroni.pid"
  cp "$dir/node$n/patroni.pid" "$dir/pids/patroni$n.pid"
  # Running (as primary or replica) once its API says so.
  wait_for "node $n" 150 sh -c "curl -s http://127.0.0.1:$(api_port "$n")/health | grep -q '\"state\": *\"running\"'"
}

# HAProxy's state of each PostgreSQL node ("UP", "DOWN", "UP 1/2" while going down, …).
node_states() {
  curl -sf "http://127.0.0.1:$haproxy_stats_port/;csv" | awk -F, '$1 == "postgres" && $2 ~ /^node/ { print $18 }'
}
# Found when one node is UP and every other DOWN (not "UP 1/2", on its way down).
is_leader_found() { [ "$(node_states | sort | tr '\n' ' ')" = "DOWN UP " ]; }

start_haproxy() {
  cat >"$dir/haproxy.cfg" <<CFG
global
  maxconn 500
defaults
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
# HAProxy's own view (CSV at /;csv): which node it routes to, which Portvakt it uses.
listen stats
  mode http
  bind 127.0.0.1:$haproxy_stats_port
  stats enable
  stats uri /
# PostgreSQL: TCP to the node whose Patroni answers 200 on /primary (the leader), checked every
# second; a node marked down has its open sessions cut, so the pool reconnects to the new one.
listen postgres
  mode tcp
  bind 127.0.0.1:$haproxy_pg_port
  option httpchk GET /primary
  http-check expect status 200
  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions
  server node1 127.0.0.1:$(pg_port 1) maxconn 100 check port $(api_port 1)
  server node2 127.0.0.1:$(pg_port 2) maxconn 100 check port $(api_port 2)
# Portvakt: HTTP round robin over the processes; a process that stops answering /health is taken
# out within two seconds, and a refused connection is tried on the other one. A 503 from /health
# (database failing over) still means the process is alive: it keeps its place and answers
# clients itself (retrying inside, or 503 database_unavailable with Retry-After), rather than
# HAProxy taking every process out and answering its own bare 503. Only a refused
# connection: a request that reached a process may have been done, and only the client can send
# it again safely (an Idempotency-Key; a device signs a fresh nonce, so a resent copy is refused).
listen portvakt
  mode http
  bind 127.0.0.1:$haproxy_http_port
  balance roundrobin
  option httpchk GET /api/v1/health
  http-check expect rstatus ^(200|503)$
  retries 3
  option redispatch 1
  retry-on conn-failure
  timeout server 30s
  default-server inter 1s fall 2 rise 2
  server app1 127.0.0.1:$(app_port 1) check
  server app2 127.0.0.1:$(app_port 2) check
CFG
  haproxy -W -db -f "$dir/haproxy.cfg" >"$dir/logs/haproxy.log" 2>&1 &
  echo $! >"$dir/pids/haproxy.pid"
  # HAProxy counts a server as up until its checks fail: wait until it has found the one leader.
  wait_for "HAProxy to find the leader" 20 is_leader_found
}

# What the DBA does once (docs/operations.md "External PostgreSQL"), on the leader via HAProxy.
create_database() {
  local psql=("$pg_bin/psql" -v ON_ERROR_STOP=1 -q -X)
  wait_for "the leader behind HAProxy" 60 "${psql[@]}" "$(superuser_url)" -c 'select 1'
  "${psql[@]}" "$(superuser_url)" <<SQL
CREATE ROLE portvakt_owner LOGIN PASSWORD '$(secret owner)' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE portvakt_app LOGIN PASSWORD '$(secret app)' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE portvakt OWNER portvakt_owner;
\c portvakt
ALTER SCHEMA public OWNER TO portvakt_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SQL
}

start_app() {
  local n="$1"
  mkdir -p "$dir/app$n"
  (
    cd "$root"
    PORT="$(app_port "$n")" HOST=127.0.0.1 DATA_DIR="$dir/app$n" COOKIE_SECURE=false LOG_LEVEL=warn \
      PORTVAKT_SECRET_KEY="$(secret portvakt)" DATABASE_URL="$(app_url)" MIGRATION_DATABASE_URL="$(owner_url)" \
      exec node packages/cli/bin/portvakt.js start
  ) >>"$dir/logs/app$n.log" 2>&1 &
  echo $! >"$dir/pids/app$n.pid"
  wait_for "portvakt $n" 120 curl -sf "http://127.0.0.1:$(app_port "$n")/api/v1/health"
}

up() {
  for tool in etcd patroni haproxy "$pg_bin/postgres" runuser curl; do
    command -v "$tool" >/dev/null || {
      log "missing $tool: apt-get install -y patroni etcd-server haproxy postgresql-15"
      exit 1
    }
  done
  for port in $etcd_port $etcd_peer_port $(pg_port 1) $(pg_port 2) $(api_port 1) $(api_port 2) \
    $haproxy_pg_port $haproxy_http_port $haproxy_stats_port $(app_port 1) $(app_port 2); do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      log "port $port is in use (another cluster?); choose other ports with HA_PORT_BASE"
      exit 1
    fi
  done
  mkdir -p "$dir"/{pids,logs,secrets}
  chmod 755 "$dir"
  chown postgres:postgres "$dir/logs"
  for name in postgres replicator rewinder owner app; do
    [ -f "$dir/secrets/$name" ] || openssl rand -hex 16 >"$dir/secrets/$name"
  done
  [ -f "$dir/secrets/portvakt" ] || openssl rand -base64 32 >"$dir/secrets/portvakt"
  chmod 700 "$dir/secrets"
  log "etcd on :$etcd_port"
  start_etcd
  log "node 1 (bootstraps the cluster) on :$(pg_port 1)"
  start_node 1
  log "node 2 (a replica of node 1) on :$(pg_port 2)"
  start_node 2
  # Ready for writes that survive a failover once node 2 is the synchronous standby.
  if [ "${HA_SYNCHRONOUS:-true}" = true ]; then
    wait_for "a synchronous standby" 60 sh -c "curl -s http://127.0.0.1:$(api_port 1)/cluster | grep -q sync_standby"
  fi
  log "HAProxy: PostgreSQL on :$haproxy_pg_port, Portvakt on :$haproxy_http_port"
  start_haproxy
  create_database
  log "Portvakt 1 on :$(app_port 1) (migrates)"
  start_app 1
  log "Portvakt 2 on :$(app_port 2)"
  start_app 2
  wait_for "HAProxy to Portvakt" 10 curl -sf "http://127.0.0.1:$haproxy_http_port/api/v1/health"
  echo "PORTVAKT_URL=http://127.0.0.1:$haproxy_http_port"
  echo "DATABASE_URL=$(superuser_url "$haproxy_pg_port" portvakt)"
}

down() {
  [ -d "$dir/pids" ] || return 0
  # Portvakt first (its pool would otherwise log the database going away), PostgreSQL through
  # Patroni (SIGTERM: Patroni stops its postmaster), then HAProxy and etcd.
  for name in app1 app2 patroni1 patroni2 haproxy etcd; do
    if is_running "$name"; then kill -TERM "$(cat "$dir/pids/$name.pid")" 2>/dev/null || true; fi
  done
  for _ in $(seq 50); do
    local alive=0
    for name in app1 app2 patroni1 patroni2 haproxy etcd; do is_running "$name" && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.2
  done
  for name in app1 app2 patroni1 patroni2 haproxy etcd; do
    if is_running "$name"; then kill -KILL "$(cat "$dir/pids/$name.pid")" 2>/dev/null || true; fi
  done
  # A postmaster whose Patroni was killed hard outlives it: stop it by its own pid file.
  for n in 1 2; do
    local pidfile="$dir/node$n/data/postmaster.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid="$(head -1 "$pidfile")"
      if kill -0 "$pid" 2>/dev/null; then
        kill -QUIT "$pid" 2>/dev/null || true
        sleep 0.5
      fi
    fi
  done
  rm -rf "$dir"
}

status() {
  curl -s "http://127.0.0.1:$(api_port 1)/cluster" || curl -s "http://127.0.0.1:$(api_port 2)/cluster"
  echo
}

case "$command" in
  up) up ;;
  down) down ;;
  start-node) start_node "$3" ;;
  start-app) start_app "$3" ;;
  status) status ;;
  *)
    sed -n '2,25p' "$0"
    exit 2
    ;;
esac
