#!/bin/sh
# nginx in the foreground on CONF, reloaded whenever CONF changes (deploy/nginx_conf.py --watch rewrites it when
# replicas are added or removed). Usage: nginx_reload.sh CONF [SECONDS]   (compose.yaml; POSIX sh, as in nginx's image)
# Stops, with nginx's exit status, when nginx stops; TERM/INT stop nginx, QUIT stops it gracefully. NGINX_BIN: the nginx program.
set -u
CONF="$1"
EVERY="${2:-5}"
NGINX="${NGINX_BIN:-nginx}"  # not $NGINX: nginx reads that variable (inherited sockets)
last=$(cksum <"$CONF")  # before nginx reads it: a rewrite in between is then seen as a change
pid=
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
trap 'kill -QUIT "$pid" 2>/dev/null' QUIT  # nginx's image stops its containers with SIGQUIT (graceful)
"$NGINX" -c "$CONF" -g 'daemon off;' &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
  sleep "$EVERY"
  now=$(cksum <"$CONF" 2>/dev/null) || continue
  if [ "$now" != "$last" ]; then
    last=$now
    "$NGINX" -c "$CONF" -s reload  # nginx keeps the configuration it runs when it refuses the new one
  fi
done
wait "$pid"
