#!/usr/bin/env bash
# Serve IP Aid on one machine: K Streamlit replicas behind nginx (sticky sessions by cookie, see
# deploy/nginx.conf.template). Usage: deploy/serve.sh [K [STREAMLIT OPTIONS...]]
# K defaults to the number of cores; options after K go to every `streamlit run` (e.g. --server.maxUploadSize 50).
#
# Environment: IPAID_PORT       the port nginx listens on (default 8501)
#              IPAID_BASE_PORT  the first replica's port on 127.0.0.1 (default IPAID_PORT + 1; then +1 each)
#              PYTHON, NGINX    the programs to use (default: python, nginx on PATH or /usr/sbin/nginx)
#              IPAID_NGINX_STATIC  1 (default): nginx serves the static files itself; 0: the replicas do
# The replicas share one version store, as a single process would use it: IPAID_STORE_DIR (the SQLite file) or
# IPAID_DATABASE_URL (PostgreSQL). nginx runs without root: its pid, logs and temporary files go to a temporary
# folder, removed on exit. nginx serves the static files itself (Streamlit's scripts, fonts, boundaries: see
# deploy/static_root.py); the replicas answer pages and sessions. Prints "ready: URL" when every replica and
# nginx answer; Ctrl-C or SIGTERM stops all.
set -euo pipefail

K="${1:-$(nproc)}"
shift || true
if ! [[ "$K" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: deploy/serve.sh [K]   (K: number of replicas, at least 1)" >&2
  exit 2
fi
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${IPAID_PORT:-8501}"
BASE="${IPAID_BASE_PORT:-$((PORT + 1))}"
PYTHON="${PYTHON:-python}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
RUN="$(mktemp -d "${TMPDIR:-/tmp}/ipaid-serve.XXXXXX")"
chmod 755 "$RUN"  # when started as root, nginx's workers run as nobody and use the temporary folders here
PIDS=()

stop() {
  trap - EXIT INT TERM
  if [[ -f "$RUN/nginx.pid" ]]; then kill -QUIT "$(cat "$RUN/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$RUN"
  echo "stopped"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Every replica signs the XSRF cookie with the same secret, so a browser's cookie stays valid on any replica.
STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(32))')}"
export STREAMLIT_SERVER_COOKIE_SECRET

echo "building caches (fonts, boundaries) once for all replicas ..."
(cd "$ROOT" && "$PYTHON" deploy/prepare.py >"$RUN/build.log" 2>&1) ||
  { cat "$RUN/build.log" >&2; exit 1; }

servers=() urls=()
for ((i = 0; i < K; i++)); do
  port=$((BASE + i))
  (cd "$ROOT" && exec "$PYTHON" -m streamlit run app.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$port" "$@") >"$RUN/replica-$i.log" 2>&1 &
  PIDS+=("$!")
  servers+=(--server "127.0.0.1:$port")
  urls+=("http://127.0.0.1:$port")
done
if ! "$PYTHON" "$ROOT/deploy/wait_healthy.py" 180 "${urls[@]}"; then
  tail -n 20 "$RUN"/replica-*.log >&2
  exit 1
fi

www=()
if [[ "${IPAID_NGINX_STATIC:-1}" == 1 ]]; then  # static files served by nginx itself
  "$PYTHON" "$ROOT/deploy/static_root.py" "$RUN/www" >/dev/null
  www=(--www "$RUN/www")
fi
"$PYTHON" "$ROOT/deploy/nginx_conf.py" --listen "$PORT" --run "$RUN" "${www[@]}" "${servers[@]}" >"$RUN/nginx.conf"
"$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/error.log" -g "daemon off;" &
PIDS+=("$!")
if ! "$PYTHON" "$ROOT/deploy/wait_healthy.py" 30 "http://127.0.0.1:$PORT"; then
  cat "$RUN/error.log" >&2
  exit 1
fi
echo "ready: http://localhost:$PORT ($K replicas on ports $BASE-$((BASE + K - 1)), logs in $RUN)"

# Stop everything as soon as one process ends (or on Ctrl-C / SIGTERM, which interrupt this wait).
wait -n
echo "a replica or nginx exited; stopping" >&2
exit 1
