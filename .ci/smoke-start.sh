#!/usr/bin/env bash
# `npm start` on a fresh data directory must come up with the demo organisation, on SQLite and on
# PostgreSQL, and shut down cleanly on SIGTERM.
set -euo pipefail
cd "$(dirname "$0")/.."

check_start() {
  local label=$1 port=$2; shift 2
  local dir log pid
  dir=$(mktemp -d) log=$(mktemp)
  env SOPDESK_DATA_DIR="$dir" PORT="$port" "$@" node bin/sopdesk.mjs serve >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log"; echo "$label: server did not become ready"; exit 1; }
  grep -q 'alex.morgan@harbourhill.example' "$log" || { cat "$log"; echo "$label: demo sign-in details were not printed"; exit 1; }
  curl -fsS -H 'accept: text/html' "http://127.0.0.1:$port/people" | grep -q '<div id="root">' || { echo "$label: the web app is not served"; exit 1; }
  kill -TERM "$pid"
  wait "$pid" || { cat "$log"; echo "$label: did not exit cleanly on SIGTERM"; exit 1; }
  echo "$label: started, served the demo organisation and the web app, stopped cleanly"
  rm -rf "$dir" "$log"
}

check_start "SQLite" 3901
schema="ci_smoke_$$"
psql -q -h 127.0.0.1 -U postgres -d test -c "create schema $schema" 
check_start "PostgreSQL" 3902 DATABASE_URL="postgres://postgres@127.0.0.1:5432/test?options=-c%20search_path%3D$schema"
psql -q -h 127.0.0.1 -U postgres -d test -c "drop schema $schema cascade"
